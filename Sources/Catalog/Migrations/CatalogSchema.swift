/// The SQL of ``CatalogMigrations``, one block per migration. Released blocks are never edited.
enum CatalogSchema {
    static let channelsAndTaxClasses = [
        "CREATE TABLE catalog_channels (code TEXT PRIMARY KEY, name TEXT NOT NULL, created_at BIGINT NOT NULL)",
        """
        INSERT INTO catalog_channels (code, name, created_at) VALUES
        ('web', 'Web shop', 0), ('app', 'Mobile app', 0), ('pos', 'Point of sale', 0), ('marketplace', 'Marketplaces', 0)
        """,
        "CREATE TABLE catalog_tax_classes (code TEXT PRIMARY KEY, name TEXT NOT NULL, created_at BIGINT NOT NULL)",
        """
        INSERT INTO catalog_tax_classes (code, name, created_at) VALUES
        ('standard', 'Standard rate', 0), ('reduced', 'Reduced rate', 0), ('zero', 'Zero rate', 0)
        """,
    ]

    static let categories = [
        """
        CREATE TABLE catalog_categories (
            id TEXT PRIMARY KEY,
            parent_id TEXT REFERENCES catalog_categories (id),
            name TEXT NOT NULL,
            slug TEXT NOT NULL UNIQUE,
            position BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            CHECK (parent_id IS NULL OR parent_id <> id)
        )
        """,
        // Sibling names are unique so a path ("Clothing > Shirts") names one category; roots share ''.
        "CREATE UNIQUE INDEX catalog_categories_sibling_name ON catalog_categories (COALESCE(parent_id, ''), name)",
        "CREATE INDEX catalog_categories_parent ON catalog_categories (parent_id, position)",
    ]

    static let attributesAndOptions = [
        """
        CREATE TABLE catalog_attributes (
            code TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('text', 'number', 'boolean')),
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE catalog_option_types (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE catalog_option_values (
            option_type TEXT NOT NULL REFERENCES catalog_option_types (code),
            code TEXT NOT NULL,
            name TEXT NOT NULL,
            position BIGINT NOT NULL,
            PRIMARY KEY (option_type, code)
        )
        """,
    ]

    static let products = [
        """
        CREATE TABLE catalog_products (
            id TEXT PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            description TEXT NOT NULL,
            brand TEXT,
            category_id TEXT REFERENCES catalog_categories (id),
            tax_class TEXT NOT NULL REFERENCES catalog_tax_classes (code),
            status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
            purchasable_from BIGINT,
            search_text TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            published_at BIGINT
        )
        """,
        "CREATE INDEX catalog_products_category ON catalog_products (category_id)",
        "CREATE INDEX catalog_products_status ON catalog_products (status, created_at)",
        """
        CREATE TABLE catalog_product_attributes (
            product_id TEXT NOT NULL REFERENCES catalog_products (id),
            code TEXT NOT NULL REFERENCES catalog_attributes (code),
            value TEXT NOT NULL,
            PRIMARY KEY (product_id, code)
        )
        """,
        "CREATE INDEX catalog_product_attributes_facet ON catalog_product_attributes (code, value)",
        """
        CREATE TABLE catalog_product_media (
            product_id TEXT NOT NULL REFERENCES catalog_products (id),
            position BIGINT NOT NULL,
            url TEXT NOT NULL,
            alt_text TEXT NOT NULL,
            PRIMARY KEY (product_id, position)
        )
        """,
        """
        CREATE TABLE catalog_product_options (
            product_id TEXT NOT NULL REFERENCES catalog_products (id),
            option_type TEXT NOT NULL REFERENCES catalog_option_types (code),
            position BIGINT NOT NULL,
            PRIMARY KEY (product_id, option_type)
        )
        """,
        """
        CREATE TABLE catalog_product_channels (
            product_id TEXT NOT NULL REFERENCES catalog_products (id),
            channel TEXT NOT NULL REFERENCES catalog_channels (code),
            PRIMARY KEY (product_id, channel)
        )
        """,
        "CREATE INDEX catalog_product_channels_channel ON catalog_product_channels (channel, product_id)",
    ]

    static let variants = [
        """
        CREATE TABLE catalog_variants (
            id TEXT PRIMARY KEY,
            product_id TEXT NOT NULL REFERENCES catalog_products (id),
            sku TEXT NOT NULL,
            sku_key TEXT NOT NULL UNIQUE,
            option_signature TEXT NOT NULL,
            barcode TEXT UNIQUE,
            weight_grams BIGINT CHECK (weight_grams >= 0),
            position BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (product_id, option_signature)
        )
        """,
        // The two composite keys make the database refuse a value of an option the product lacks.
        """
        CREATE TABLE catalog_variant_options (
            variant_id TEXT NOT NULL REFERENCES catalog_variants (id),
            product_id TEXT NOT NULL,
            option_type TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (variant_id, option_type),
            FOREIGN KEY (product_id, option_type) REFERENCES catalog_product_options (product_id, option_type),
            FOREIGN KEY (option_type, value) REFERENCES catalog_option_values (option_type, code)
        )
        """,
    ]

    static let priceLists = [
        """
        CREATE TABLE catalog_price_lists (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            channel TEXT NOT NULL REFERENCES catalog_channels (code),
            currency TEXT NOT NULL,
            priority BIGINT NOT NULL,
            customer_group TEXT,
            starts_at BIGINT,
            ends_at BIGINT,
            is_base BIGINT NOT NULL CHECK (is_base IN (0, 1)),
            created_at BIGINT NOT NULL,
            UNIQUE (id, currency),
            CHECK (starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at),
            CHECK (is_base = 0 OR (customer_group IS NULL AND starts_at IS NULL AND ends_at IS NULL))
        )
        """,
        "CREATE UNIQUE INDEX catalog_price_lists_base ON catalog_price_lists (channel, currency) WHERE is_base = 1",
        // The composite key (list, currency) makes a price in another currency than its list's impossible.
        """
        CREATE TABLE catalog_prices (
            price_list_id TEXT NOT NULL,
            currency TEXT NOT NULL,
            variant_id TEXT NOT NULL REFERENCES catalog_variants (id),
            min_quantity BIGINT NOT NULL CHECK (min_quantity >= 1),
            amount BIGINT NOT NULL CHECK (amount >= 0),
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (price_list_id, variant_id, min_quantity),
            FOREIGN KEY (price_list_id, currency) REFERENCES catalog_price_lists (id, currency)
        )
        """,
        "CREATE INDEX catalog_prices_variant ON catalog_prices (variant_id)",
    ]

    /// No foreign keys: history outlives what it describes.
    static let priceHistory = [
        """
        CREATE TABLE catalog_price_history (
            id TEXT PRIMARY KEY,
            variant_id TEXT NOT NULL,
            sequence BIGINT NOT NULL,
            price_list_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            currency TEXT NOT NULL,
            min_quantity BIGINT NOT NULL,
            old_amount BIGINT,
            new_amount BIGINT,
            recorded_at BIGINT NOT NULL,
            UNIQUE (variant_id, sequence)
        )
        """,
        "CREATE INDEX catalog_price_history_variant ON catalog_price_history (variant_id, channel, currency, recorded_at)",
    ]
}
