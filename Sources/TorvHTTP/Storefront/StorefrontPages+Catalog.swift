import Catalog
import Flows
import Foundation
import Hummingbird
import Persistence
import Promotions
import Reviews
import Sellers
import TorvCore

extension StorefrontPages {
    func home(_ request: Request) async throws -> Response {
        let settings = self.settings
        let listing = try await Storefront.listProducts(
            ListingQuery(
                channel: settings.channel, currency: settings.currency, limit: 12, at: platform.clock.now()),
            inStockOnly: false, on: platform)
        let flash = try await FlashSales.showing(on: platform).filter { $0.phase == .live || $0.phase == .scheduled }
        let deals = try await GroupDeals.showing(on: platform).filter { $0.phase == .open || $0.phase == .tipped }
        let view = HomeView(
            campaigns: try await Campaigns.showing(on: platform).map(banner),
            flashTiles: flash.map { showing in
                let until = showing.phase == .scheduled ? showing.sale.startsAt : showing.sale.endsAt
                return OfferTile(
                    tileURL: "/flash/\(showing.sale.id.rawValue)", tileTitle: showing.sale.title,
                    tilePrice: settings.money(showing.sale.price),
                    tileStatus: showing.phase == .scheduled ? "Starts soon" : "\(showing.sale.left) left",
                    tileUntilISO: until.ISO8601Format(), tileUntilText: settings.dateTime(until))
            },
            dealTiles: deals.map { showing in
                OfferTile(
                    tileURL: "/deals/\(showing.deal.id.rawValue)", tileTitle: showing.deal.title,
                    tilePrice: settings.money(showing.currentPrice),
                    tileStatus: "\(showing.participants) of \(showing.deal.minParticipants) joined",
                    tileUntilISO: showing.deal.deadline.ISO8601Format(),
                    tileUntilText: settings.dateTime(showing.deal.deadline))
            },
            products: listing.items.map { ProductTile($0, settings: settings) },
            categories: try await categoryLinks(selected: nil))
        return try await render("shop-home", title: "Home", view: view, request: request)
    }

    func listing(_ request: Request) async throws -> Response {
        // Read like a form: a search box sends spaces as `+`.
        let parameters = FormData(urlEncoded: request.uri.query ?? "")
        let text = parameters["q"] ?? ""
        let category = parameters["category"].flatMap { CategoryID($0) }
        let sort = parameters["sort"].flatMap { ListingSort(rawValue: $0) } ?? .newest
        let chosen = Self.attributeChoices(parameters.values("attribute"))
        let query = ListingQuery(
            channel: settings.channel, currency: settings.currency, text: text.isEmpty ? nil : text,
            category: category, attributes: chosen, sort: sort, limit: 24,
            after: parameters["after"].flatMap { $0.isEmpty ? nil : $0 }, at: platform.clock.now())
        let page = try await Storefront.listProducts(query, inStockOnly: false, on: platform)
        let categories = try await categoryLinks(selected: category)
        let heading =
            if !text.isEmpty { "Results for “\(text)”" } else if let name = categories.first(where: \.selected)?.name {
                name
            } else { "All products" }
        let base = ListingURL(text: text, category: category?.rawValue, sort: sort, attributes: chosen)
        let view = ListingView(
            heading: heading, queryText: text, products: page.items.map { ProductTile($0, settings: settings) },
            total: page.total, categories: categories,
            sorts: [
                (ListingSort.newest, "Newest"), (.priceAscending, "Price, low to high"),
                (.priceDescending, "Price, high to low"), (.title, "Name"),
            ].map { SortChoice(value: $0.0.rawValue, label: $0.1, selected: $0.0 == sort) },
            facets: page.facets.map { facet in
                FacetView(
                    attribute: facet.attribute,
                    values: facet.values.map { value in
                        let chosenNow = chosen[facet.attribute]?.contains(value.value) ?? false
                        return FacetChoice(
                            facetValue: value.value, count: value.count,
                            url: base.toggling(facet.attribute, value.value).path, chosen: chosenNow)
                    })
            },
            nextPageURL: page.nextCursor.map { base.after($0).path }, empty: page.items.isEmpty)
        return try await render("shop-products", title: heading, view: view, request: request)
    }

    func product(_ request: Request, slug: String) async throws -> Response {
        let settings = self.settings
        let (page, _) = try await Storefront.productPage(
            slug: slug, channel: settings.channel, currency: settings.currency, on: platform)
        let product = page.product
        let reviews = platform.reviews
        let productID = product.id.rawValue
        let (summary, published) = try await platform.database.read { db in
            (
                try await reviews.ratings(ofProducts: [productID], on: db)[productID] ?? .empty,
                try await reviews.publishedReviews(ofProduct: productID, before: nil, limit: 10, on: db)
            )
        }
        let ranked = try await Marketplace.offers(forProduct: product.id, on: platform)
        let firstAvailable = page.variants.firstIndex { $0.purchasable && $0.price != nil }
        let variants = page.variants.enumerated().map { index, offer in
            let reduced = offer.priorPrice.flatMap { prior in offer.price.map { prior.amount > $0.amount } }
            return VariantChoice(
                variantID: offer.variant.id.rawValue,
                label: offer.variant.options.isEmpty
                    ? offer.variant.sku
                    : offer.variant.options.map {
                        $0.optionType.prefix(1).uppercased() + $0.optionType.dropFirst() + ": \($0.value)"
                    }.joined(separator: ", "),
                sku: offer.variant.sku, priceText: offer.price.map(settings.money) ?? "Not for sale",
                priorPriceText: reduced == true ? offer.priorPrice.map(settings.money) : nil,
                available: offer.purchasable && offer.price != nil, checked: index == (firstAvailable ?? 0))
        }
        let view = ProductView(
            productTitle: product.title, brand: product.details.brand, description: product.details.description,
            images: product.details.media.map {
                ImageView(url: $0.url, alt: $0.altText.isEmpty ? product.title : $0.altText)
            },
            variants: variants.count > 1 ? variants : [], singleVariant: variants.count == 1 ? variants[0] : nil,
            purchasable: variants.contains { $0.available },
            purchasableFromText: product.details.purchasableFrom.flatMap { date in
                date > platform.clock.now() ? settings.date(date) : nil
            },
            offers: ranked.map { ranked in
                offerRow(ranked, variantLabel: variants.first { $0.variantID == ranked.offer.variantID }?.label ?? "")
            },
            rating: summary.averageHundredths.map {
                RatingView(
                    averageText: String(format: "%.1f", Double($0) / 100), count: summary.count,
                    stars: Stars.text(hundredths: $0))
            },
            reviews: published.map {
                ReviewView(
                    stars: Stars.text(hundredths: $0.rating * 100), ratingLabel: "Rated \($0.rating) out of 5",
                    reviewTitle: $0.title, body: $0.body,
                    author: $0.authorName, dateText: settings.date($0.createdAt))
            },
            slug: product.slug)
        return try await render("shop-product", title: product.title, view: view, request: request)
    }

    private func offerRow(_ ranked: RankedOffer, variantLabel: String) -> OfferRow {
        let offer = ranked.offer
        let handling = offer.handlingDays.map { $0 <= 1 ? "Ships within a day" : "Ships within \($0) days" }
        return OfferRow(
            offerID: offer.id.rawValue, offerVariantID: offer.variantID, offerVariantLabel: variantLabel,
            sellerName: ranked.seller.displayName,
            sellerHandle: ranked.seller.handle, condition: offer.condition.rawValue.capitalized,
            conditionNote: offer.conditionNote, offerPriceText: settings.money(offer.price),
            landedPriceText: settings.money(ranked.ranking.landedPrice), handlingText: handling ?? "",
            recommended: ranked.isDefault, buyable: ranked.ranking.eligible,
            notBuyableReason: ranked.ranking.eligible
                ? nil : ranked.ranking.reasons.first.map { $0.replacingOccurrences(of: "_", with: " ") })
    }

    private func banner(_ showing: Campaigns.Showing) -> CampaignBanner {
        let running = showing.phase == .running
        let until = running ? showing.campaign.endsAt : showing.campaign.startsAt
        return CampaignBanner(
            name: showing.campaign.name, running: running, offers: showing.offers,
            untilISO: until.ISO8601Format(), untilText: settings.dateTime(until))
    }

    private func categoryLinks(selected: CategoryID?) async throws -> [CategoryLink] {
        let catalog = platform.catalog
        let categories = try await platform.database.read { db in try await catalog.categories(on: db) }
        return categories.filter { $0.parentID == nil }.sorted { $0.position < $1.position }.map {
            CategoryLink(id: $0.id.rawValue, name: $0.name, selected: $0.id == selected)
        }
    }

    /// `attribute=code:value` query items, as the API takes them.
    static func attributeChoices(_ pairs: [String]) -> [String: Set<String>] {
        var choices: [String: Set<String>] = [:]
        for pair in pairs {
            guard let colon = pair.firstIndex(of: ":"), colon != pair.startIndex else { continue }
            let value = String(pair[pair.index(after: colon)...])
            guard !value.isEmpty else { continue }
            choices[String(pair[..<colon]), default: []].insert(value)
        }
        return choices
    }
}
