public import Persistence

/// Reviews' tables. Append-only: add a migration, never edit one.
///
/// `UNIQUE (order_line_id)`: one review per purchased line, kept by the database, so two submissions
/// racing each other cannot both land.
public enum ReviewsMigrations {
    public static let all: [Migration] = [
        Migration(
            "reviews.0001_reviews",
            [
                """
                CREATE TABLE reviews (
                    id TEXT PRIMARY KEY,
                    product_id TEXT NOT NULL,
                    order_id TEXT NOT NULL,
                    order_line_id TEXT NOT NULL UNIQUE,
                    customer_id TEXT NOT NULL,
                    author_name TEXT NOT NULL,
                    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
                    title TEXT NOT NULL,
                    body TEXT NOT NULL,
                    photo_urls TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
                    rejection_reason TEXT,
                    created_at BIGINT NOT NULL,
                    moderated_at BIGINT
                )
                """,
                "CREATE INDEX reviews_product ON reviews (product_id, status, id)",
                "CREATE INDEX reviews_status ON reviews (status, id)",
                "CREATE INDEX reviews_customer ON reviews (customer_id, id)",
            ]),
        reputation,
    ]
}
