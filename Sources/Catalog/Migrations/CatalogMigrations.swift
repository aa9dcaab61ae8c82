public import Persistence

/// The catalogue's tables. Append-only: add a migration, never edit one.
///
/// Times are BIGINT epoch microseconds, amounts BIGINT minor units. Invariants the code relies on are
/// keys and checks here: unique slug, SKU (ignoring case) and barcode; one variant per option
/// combination; a price's currency equal to its list's (a composite foreign key); one base list per
/// channel and currency; an append-only price history.
public enum CatalogMigrations {
    public static let all: [Migration] = [
        Migration("catalog.0001_channels_and_tax_classes", CatalogSchema.channelsAndTaxClasses),
        Migration("catalog.0002_categories", CatalogSchema.categories),
        Migration("catalog.0003_attributes_and_options", CatalogSchema.attributesAndOptions),
        Migration("catalog.0004_products", CatalogSchema.products),
        Migration("catalog.0005_variants", CatalogSchema.variants),
        Migration("catalog.0006_price_lists", CatalogSchema.priceLists),
        AppendOnly.migration(
            "catalog.0007_price_history", createTable: CatalogSchema.priceHistory, table: "catalog_price_history"),
        // One row: how the shop applies the Omnibus prior-price rule, and whether a reduction that
        // follows a recent price raise (a fake discount) is refused or only warned about.
        Migration(
            "catalog.0008_honest_prices",
            [
                """
                CREATE TABLE catalog_honest_price_settings (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    policy TEXT NOT NULL,
                    refuse_fake_discounts INTEGER NOT NULL CHECK (refuse_fake_discounts IN (0, 1)),
                    perishable_category_ids TEXT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """
            ]),
    ]
}
