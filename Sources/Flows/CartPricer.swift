import Catalog
import Checkout
import Customers
import Foundation
import Inventory
import Persistence
import Promotions
import SQLKit
import Sellers
import TorvCore

/// Prices a cart inside one database snapshot: catalogue offers per line, stock, destination tax,
/// the chosen delivery, then Checkout's pure pipeline. Promotions plug in as `adjusters`.
struct CartPricer {
    let platform: Platform
    let db: any SQLDatabase
    var adjusters: [any PriceAdjuster] = []
    /// Whether to flag lines the stock cannot serve. Checkout turns it off: there the reservation
    /// decides, atomically, and answers `out_of_stock` itself.
    var checksStock = true

    func view(_ cart: Cart) async throws -> CartView {
        let now = platform.clock.now()
        // B2B and loyalty prices: the catalogue's group price lists are keyed by customer group code.
        let buyer = try await Self.buyerPricing(of: cart.customerID, on: platform, db: db)
        var pricing: [PricingLine] = []
        // Marketplace lines: the seller's offer sets the price; the catalogue still says what the variant
        // is and whether it can be bought in this channel now.
        let sellerOffers = try await platform.sellers.offersForSale(
            cart.lines.compactMap { $0.offerID.flatMap(SellerOfferID.init) }, on: db)
        var requests: [Int: OfferRequest] = [:]
        var refusals: [Int: FieldError] = [:]
        for (index, line) in cart.lines.enumerated() {
            // A stored line always names a valid variant ID; one that does not is treated as a deleted variant.
            guard let variantID = VariantID(line.variantID) else {
                let error = CatalogError.variantNotFound
                refusals[index] = FieldError(pointer: "/lines/\(index)", message: error.message, code: error.code)
                continue
            }
            guard let offerText = line.offerID else {
                requests[index] = OfferRequest(variantID: variantID, quantity: line.quantity)
                continue
            }
            switch Self.sellable(
                SellerOfferID(offerText).flatMap { sellerOffers[$0] }, variantID: line.variantID,
                currency: cart.currency, at: now)
            {
            case .success(let price):
                requests[index] = OfferRequest(variantID: variantID, quantity: line.quantity, sellerPrice: price)
            case .failure(let error):
                refusals[index] = FieldError(pointer: "/lines/\(index)", message: error.message, code: error.code)
            }
        }
        let asked = requests.keys.sorted()
        let answered = try await platform.catalog.offers(
            for: asked.map { requests[$0]! },
            in: PricingContext(
                channel: cart.channel, currency: cart.currency, customerGroups: buyer.groups,
                grantedLists: buyer.lists, at: now), on: db)
        let answers = Dictionary(uniqueKeysWithValues: zip(asked, answered))
        var lines = cart.lines.enumerated().map { index, line in
            let answer: Result<Offer, CatalogError> = answers[index] ?? .failure(.variantNotFound)
            var entry: CartView.Line
            switch answer {
            case .success(let offer): entry = CartView.Line(line: line, offer: offer, priced: nil, problem: nil)
            case .failure(let error):
                entry = CartView.Line(
                    line: line, offer: nil, priced: nil,
                    problem: refusals[index]
                        ?? FieldError(pointer: "/lines/\(index)", message: error.message, code: error.code))
            }
            if let offerID = line.offerID.flatMap(SellerOfferID.init), let found = sellerOffers[offerID] {
                entry.sellerOffer = found.offer
                entry.seller = found.seller
            }
            return entry
        }
        // Stock is advisory here (the reservation at checkout decides), but a shopper should hear about a
        // sold-out line before paying for the rest.
        let skus = checksStock ? lines.compactMap(\.offer?.sku) : []
        let availability = Dictionary(
            try await platform.inventory.availability(of: skus, on: db).map { ($0.sku, $0) },
            uniquingKeysWith: { first, _ in first })
        // Units the shopper holds in a flash sale are theirs, apart from regular stock.
        var flashHolds: [FlashHold] = []
        if let customer = cart.customerID, !cart.lines.isEmpty {
            flashHolds = try await platform.promotions.flashHolds(of: customer, on: db).filter {
                $0.sale.channel == cart.channel
            }
        }
        for index in lines.indices {
            guard let offer = lines[index].offer, lines[index].problem == nil else { continue }
            if let sellerOffer = lines[index].sellerOffer {
                if checksStock, sellerOffer.quantity < offer.quantity {
                    lines[index].problem = FieldError(
                        pointer: "/lines/\(index)",
                        message: sellerOffer.quantity == 0
                            ? "is sold out at this seller" : "has only \(sellerOffer.quantity) left at this seller",
                        code: "out_of_stock")
                    continue
                }
                pricing.append(
                    PricingLine(
                        lineID: lines[index].line.id, variantID: offer.variantID.rawValue, sku: offer.sku,
                        title: offer.variantTitle.isEmpty
                            ? offer.productTitle : "\(offer.productTitle) — \(offer.variantTitle)",
                        unitPrice: offer.unitPrice, quantity: offer.quantity, taxClass: offer.taxClass,
                        weightGrams: offer.weightGrams, sellerID: sellerOffer.sellerID.rawValue))
                continue
            }
            let heldForShopper = flashHolds.filter { $0.sale.variantID == offer.variantID.rawValue }.reduce(0) {
                $0 + $1.units
            }
            if let stock = availability[offer.sku], stock.whenOutOfStock == .refuse,
                stock.inStock + heldForShopper < offer.quantity
            {
                lines[index].problem = FieldError(
                    pointer: "/lines/\(index)",
                    message: stock.inStock == 0 ? "is sold out" : "has only \(stock.inStock) in stock",
                    code: "out_of_stock")
                continue
            }
            pricing.append(
                PricingLine(
                    lineID: lines[index].line.id, variantID: offer.variantID.rawValue, sku: offer.sku,
                    title: offer.variantTitle.isEmpty
                        ? offer.productTitle : "\(offer.productTitle) — \(offer.variantTitle)",
                    unitPrice: offer.unitPrice, quantity: offer.quantity, taxClass: offer.taxClass,
                    weightGrams: offer.weightGrams))
        }

        var missing = lines.compactMap(\.problem)
        if cart.lines.isEmpty {
            missing.append(FieldError(pointer: "/lines", message: "the cart is empty", code: "cart_empty"))
        }
        if cart.email == nil { missing.append(FieldError(pointer: "/email", message: "is required", code: "required")) }

        let settings = try await platform.checkout.taxSettings(on: db)
        var destination = cart.shippingAddress?.country
        var delivery: DeliverySummary?
        let sellerLines = lines.contains { $0.sellerOffer != nil && $0.problem == nil }
        switch cart.delivery {
        case .pickup?:
            if sellerLines {
                missing.append(
                    FieldError(
                        pointer: "/delivery",
                        message: "marketplace sellers ship their items themselves: choose shipping",
                        code: "pickup_unavailable"))
            }
        default: break
        }
        switch cart.delivery {
        case .pickup(let locationText)?:
            if let id = StockLocationID(locationText), let location = try? await platform.inventory.location(id, on: db)
            {
                destination = location.address.countryCode
                delivery = DeliverySummary(
                    kind: .pickup, methodID: nil, locationID: locationText, name: location.name, carrier: nil,
                    price: Money(minorUnits: 0, currency: cart.currency))
            } else {
                missing.append(
                    FieldError(
                        pointer: "/delivery", message: "the pick-up location is gone", code: "pickup_unavailable"))
            }
        case .shipping(let methodID)?:
            if cart.shippingAddress == nil {
                missing.append(FieldError(pointer: "/shipping_address", message: "is required", code: "required"))
            }
            delivery = DeliverySummary(
                kind: .shipping, methodID: methodID, locationID: nil, name: "", carrier: nil, price: nil)
        case nil:
            missing.append(FieldError(pointer: "/delivery", message: "is required", code: "required"))
        }
        let country = destination ?? platform.homeCountry
        let rates = try await platform.checkout.taxRates(country: country, on: db)

        guard !pricing.isEmpty else {
            return CartView(cart: cart, lines: lines, priced: nil, delivery: delivery, missing: missing)
        }
        var promotions = try await PromotionAdjuster.load(
            for: cart, offers: lines.compactMap(\.offer), customerGroups: buyer.groups, on: platform, db: db)
        let flashSales = FlashSaleAdjuster(holds: flashHolds)
        promotions.flashSales = flashSales
        do {
            return try await price(
                cart, lines: lines, pricing: pricing, country: country, rates: rates, settings: settings,
                delivery: delivery, missing: missing, promotions: promotions, flashSales: flashSales)
        } catch CheckoutError.taxRateMissing(let taxCountry, let taxClass) {
            // A shop without a rate for this destination cannot quote a total it would dare to charge.
            missing.append(
                FieldError(
                    pointer: cart.shippingAddress == nil ? "/delivery" : "/shipping_address/country",
                    message: "no tax rate is set up for \(taxClass) goods to \(taxCountry ?? "this destination")",
                    code: "tax_rate_missing"))
            return CartView(cart: cart, lines: lines, priced: nil, delivery: delivery, missing: missing)
        }
    }

    /// Whether a marketplace line can be bought now, and at which price: the seller's offer, live, for
    /// this variant, priced in the cart's currency, from a seller who trades today.
    static func sellable(
        _ found: (offer: SellerOffer, seller: Seller)?, variantID: String, currency: Currency, at now: Date
    ) -> Result<Money, OfferStockError> {
        guard let found, found.offer.variantID == variantID, found.offer.status == .active,
            found.seller.isTrading(at: now), found.offer.price.currency == currency
        else { return .failure(.notForSale) }
        return .success(found.offer.price)
    }

    /// Each seller's shipping charge for their lines in the cart, from their terms: measured on what
    /// their goods cost (marketplace lines take no shop discount, so this is what the buyer pays).
    static func sellerShipping(
        of lines: [CartView.Line], pricing: [PricingLine], currency: Currency
    ) -> [SellerShippingCharge] {
        let priced = Set(pricing.map(\.lineID))
        var order: [SellerID] = []
        var goods: [SellerID: Int64] = [:]
        var terms: [SellerID: SellerShippingTerms] = [:]
        for entry in lines where priced.contains(entry.line.id) {
            guard let offer = entry.sellerOffer, let seller = entry.seller else { continue }
            if goods[seller.id] == nil { order.append(seller.id) }
            let (subtotal, overflow) = offer.price.amount.multipliedReportingOverflow(by: Int64(entry.line.quantity))
            goods[seller.id, default: 0] += overflow ? 0 : subtotal
            terms[seller.id] = SellerShippingTerms(
                fee: seller.profile.shippingFee, freeFrom: seller.profile.freeShippingFrom)
        }
        return order.compactMap { sellerID in
            let charge = terms[sellerID]?.charge(
                forGoods: Money(minorUnits: goods[sellerID] ?? 0, currency: currency))
            guard let charge, charge.isPositive else { return nil }
            return SellerShippingCharge(sellerID: sellerID.rawValue, amount: charge)
        }
    }

    /// The price lists a customer may buy from beyond the public ones: their groups' lists (keyed by
    /// group code) and their company's contract list.
    static func buyerPricing(
        of customer: String?, on platform: Platform, db: any SQLDatabase
    ) async throws -> (groups: Set<String>, lists: Set<PriceListID>) {
        guard let customer else { return ([], []) }
        let groups = Set(try await platform.customers.groups(of: customer, on: db).map(\.code))
        var lists: Set<PriceListID> = []
        if let membership = try await platform.customers.membership(of: customer, on: db),
            membership.companyStatus == .active,
            let list = try await platform.customers.company(membership.companyID, on: db).priceListID.flatMap(
                PriceListID.init)
        {
            lists.insert(list)
        }
        return (groups, lists)
    }

    private func price(
        _ cart: Cart, lines: [CartView.Line], pricing: [PricingLine], country: String, rates: [TaxRate],
        settings: TaxSettings, delivery: DeliverySummary?, missing: [FieldError], promotions: PromotionAdjuster,
        flashSales: FlashSaleAdjuster
    ) async throws -> CartView {
        let adjusters = self.adjusters + [flashSales, promotions]
        var lines = lines
        var missing = missing
        var delivery = delivery
        var shippingOption: ShippingOption?
        let sellerShipping = Self.sellerShipping(of: lines, pricing: pricing, currency: cart.currency)
        // Price the goods first: shipping bands and free-shipping thresholds look at their subtotal.
        var goodsInput = PricingInput(
            currency: cart.currency, lines: pricing, destinationCountry: country, taxRates: rates, settings: settings,
            adjusters: adjusters)
        goodsInput.sellerShipping = sellerShipping
        let goods = try CartPricing.price(goodsInput)
        // The shop ships only its own goods: sellers' items neither weigh in its parcel nor count toward
        // its free-shipping threshold, and a cart of sellers' items alone owes the shop no shipping.
        let own = Set(pricing.filter { $0.sellerID == nil }.map(\.lineID))
        let ownLines = goods.lines.filter { own.contains($0.lineID) }
        if case .shipping(let methodID)? = cart.delivery, cart.shippingAddress != nil, own.isEmpty {
            let method = try await platform.checkout.shippingMethod(methodID, on: db)
            delivery = DeliverySummary(
                kind: .shipping, methodID: methodID, locationID: nil, name: method.name, carrier: method.carrier,
                price: .zero(cart.currency))
        } else if case .shipping(let methodID)? = cart.delivery, let address = cart.shippingAddress {
            let options = try await platform.checkout.shippingOptions(
                to: address.country, currency: cart.currency,
                weightGrams: ownLines.reduce(0) { $0 + ($1.weightGrams ?? 0) * $1.quantity },
                subtotal: (try? Money.sum(ownLines.map(\.total), currency: cart.currency)) ?? .zero(cart.currency),
                on: db)
            if let option = options.first(where: { $0.methodID == methodID }) {
                shippingOption = option
                delivery = DeliverySummary(
                    kind: .shipping, methodID: methodID, locationID: nil, name: option.name, carrier: option.carrier,
                    price: option.price)
            } else {
                missing.append(
                    FieldError(
                        pointer: "/delivery", message: "the shipping method does not serve this address or parcel",
                        code: "shipping_unavailable"))
            }
        }
        var input = PricingInput(
            currency: cart.currency, lines: pricing, destinationCountry: country, shipping: shippingOption,
            taxRates: rates, settings: settings, adjusters: adjusters)
        input.sellerShipping = sellerShipping
        let priced = shippingOption == nil ? goods : try CartPricing.price(input)
        for index in lines.indices {
            lines[index].priced = priced.lines.first { $0.lineID == lines[index].line.id }
        }
        let draft = try CartPricing.draft(of: input)
        // A code that stopped working changes the price: the shopper sees it and removes the code first.
        var view = CartView(
            cart: cart, lines: lines, priced: priced, delivery: delivery, missing: missing + promotions.couponProblems)
        let outcome = promotions.outcome(for: draft)
        view.promotions = outcome
        view.couponProblems = promotions.couponProblems
        view.promotionGrants = promotions.grants(of: outcome)
        view.flashSaleUses = flashSales.uses(for: draft)
        return view
    }
}

extension PricedCart {
    /// What the goods cost after their discounts: what free-shipping thresholds are measured against.
    var merchandiseTotal: Money {
        // Cannot overflow: the pipeline already summed these same totals without overflowing.
        (try? Money.sum(lines.map(\.total), currency: currency)) ?? Money(minorUnits: 0, currency: currency)
    }
}
