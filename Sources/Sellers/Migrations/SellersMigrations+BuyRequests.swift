import Persistence

extension SellersMigrations {
    /// C2B requests: a business asks to buy (trade-in) or to be quoted, respondents answer with offers.
    ///
    /// `accepted_quantity <= wanted_quantity` is a CHECK and acceptances add to it with one guarded UPDATE,
    /// so concurrent acceptances never take more than was wanted. One open response per respondent and
    /// request is a partial unique index, not a check before the insert. `steps` numbers the trail: bumping
    /// it locks the request row, which serialises every decision on one request. The trail itself refuses
    /// UPDATE and DELETE.
    static let buyRequests = AppendOnly.migration(
        "sellers.0008_buy_requests",
        createTable: [
            """
            CREATE TABLE buy_requests (
                id TEXT PRIMARY KEY,
                seller_id TEXT REFERENCES sellers (id),
                kind TEXT NOT NULL CHECK (kind IN ('trade_in', 'quote')),
                title TEXT NOT NULL,
                description TEXT NOT NULL,
                accepted_conditions TEXT NOT NULL,
                unit_price_ceiling BIGINT CHECK (unit_price_ceiling > 0),
                currency TEXT NOT NULL CHECK (length(currency) = 3),
                wanted_quantity INTEGER NOT NULL CHECK (wanted_quantity > 0),
                accepted_quantity INTEGER NOT NULL CHECK (accepted_quantity >= 0 AND accepted_quantity <= wanted_quantity),
                needed_by BIGINT,
                deadline BIGINT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'expired', 'cancelled')),
                steps INTEGER NOT NULL CHECK (steps >= 0),
                created_at BIGINT NOT NULL,
                closed_at BIGINT,
                CHECK (kind = 'quote' OR unit_price_ceiling IS NOT NULL)
            )
            """,
            "CREATE INDEX buy_requests_open ON buy_requests (kind, status, deadline)",
            "CREATE INDEX buy_requests_seller ON buy_requests (seller_id, id)",
            """
            CREATE TABLE buy_responses (
                id TEXT PRIMARY KEY,
                request_id TEXT NOT NULL REFERENCES buy_requests (id),
                respondent_kind TEXT NOT NULL CHECK (respondent_kind IN ('customer', 'seller')),
                respondent_id TEXT NOT NULL,
                unit_price BIGINT NOT NULL CHECK (unit_price > 0),
                currency TEXT NOT NULL CHECK (length(currency) = 3),
                quantity INTEGER NOT NULL CHECK (quantity > 0),
                condition TEXT CHECK (condition IN ('like_new', 'good', 'fair', 'for_parts')),
                note TEXT,
                status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'declined', 'withdrawn')),
                accepted_quantity INTEGER CHECK (accepted_quantity > 0 AND accepted_quantity <= quantity),
                decision_reason TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                decided_at BIGINT
            )
            """,
            """
            CREATE UNIQUE INDEX buy_responses_one_open ON buy_responses (request_id, respondent_id)
            WHERE status = 'open'
            """,
            "CREATE INDEX buy_responses_request ON buy_responses (request_id, id)",
            "CREATE INDEX buy_responses_respondent ON buy_responses (respondent_id, id)",
            """
            CREATE TABLE buy_request_steps (
                request_id TEXT NOT NULL REFERENCES buy_requests (id),
                sequence INTEGER NOT NULL,
                action TEXT NOT NULL,
                actor TEXT NOT NULL,
                response_id TEXT,
                note TEXT,
                at BIGINT NOT NULL,
                PRIMARY KEY (request_id, sequence)
            )
            """,
        ], table: "buy_request_steps")
}
