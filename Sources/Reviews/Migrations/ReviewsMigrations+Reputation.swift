import Persistence

extension ReviewsMigrations {
    /// Seller reviews and buyer ratings. `UNIQUE (sub_order_id)` on both: one review of the seller and one
    /// rating of the buyer per delivered sub-order, kept by the database so racing submissions cannot both land.
    static let reputation = Migration(
        "reviews.0002_seller_reputation",
        [
            """
            CREATE TABLE seller_reviews (
                id TEXT PRIMARY KEY,
                seller_id TEXT NOT NULL,
                sub_order_id TEXT NOT NULL UNIQUE,
                order_id TEXT NOT NULL,
                customer_id TEXT NOT NULL,
                author_name TEXT NOT NULL,
                rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
                body TEXT NOT NULL,
                photo_urls TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
                rejection_reason TEXT,
                reply TEXT,
                replied_at BIGINT,
                created_at BIGINT NOT NULL,
                moderated_at BIGINT
            )
            """,
            "CREATE INDEX seller_reviews_seller ON seller_reviews (seller_id, status, id)",
            "CREATE INDEX seller_reviews_status ON seller_reviews (status, id)",
            "CREATE INDEX seller_reviews_customer ON seller_reviews (customer_id, id)",
            """
            CREATE TABLE buyer_ratings (
                id TEXT PRIMARY KEY,
                sub_order_id TEXT NOT NULL UNIQUE,
                seller_id TEXT NOT NULL,
                customer_id TEXT NOT NULL,
                rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
                body TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX buyer_ratings_customer ON buyer_ratings (customer_id)",
        ])
}
