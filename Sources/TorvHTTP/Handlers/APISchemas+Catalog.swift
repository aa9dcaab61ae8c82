import Catalog
import TorvAPI
import TorvCore

extension Components.Schemas.Money {
    init(_ money: Money) {
        self.init(amount: money.amount, currency: money.currency.code)
    }
}

extension Components.Schemas.ProductListing {
    init(_ page: ListingPage) {
        self.init(
            items: page.items.map { item in
                .init(
                    id: item.id.rawValue, slug: item.slug, title: item.title, brand: item.brand,
                    image: item.image.map { .init(url: $0.url, alt: $0.altText) },
                    fromPrice: item.fromPrice.map(Components.Schemas.Money.init), purchasable: item.purchasable,
                    purchasableFrom: item.purchasableFrom)
            },
            facets: page.facets.map { facet in
                .init(attribute: facet.attribute, values: facet.values.map { .init(value: $0.value, count: $0.count) })
            },
            total: page.total, next: page.nextCursor)
    }
}

extension Components.Schemas.ImportReport {
    init(_ report: ImportReport) {
        self.init(
            dryRun: report.dryRun,
            problems: report.problems.map {
                .init(line: $0.line, column: $0.column, message: $0.message, code: $0.code)
            },
            productsCreated: report.productsCreated, productsUpdated: report.productsUpdated,
            variantsCreated: report.variantsCreated, variantsUpdated: report.variantsUpdated, prices: report.prices)
    }
}
