import Catalog
import Checkout
import Customers
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import Promotions
import SQLKit
import TorvCore

/// Creating a promotion and changing its rule from the console, as the admin API's `createPromotion` and
/// `updatePromotion` do: the same domain validation (``PromotionRules``, when the promotion is saved) and the
/// same fake-discount check (``HonestPrices/save(_:campaignID:on:)``), with `promotions.manage`. Each form
/// runs once per form key; a refusal shows the form again as typed, with a message next to each field.
extension ConsolePages {
    func registerPromotionRuleForm(on router: Router<TorvRequestContext>) {
        router.get("/admin/promotions/preview") { request, context in
            await page(request, context, permission: .promotionsRead) { visit in
                try await promotionPreview(request, visit: visit)
            }
        }
        router.get("/admin/promotions/new") { request, context in
            await page(request, context, permission: .promotionsManage) { visit in
                try await promotionRuleFormPage(request, form: .blank, editing: nil, visit: visit)
            }
        }
        router.post("/admin/promotions/new") { request, context in
            await post(request, context, permission: .promotionsManage) { visit, form in
                try await savePromotionRule(request, id: nil, form: form, visit: visit)
            }
        }
        router.get("/admin/promotions/:promotion/rule") { request, context in
            await page(request, context, permission: .promotionsManage) { visit in
                let id = try pathID(
                    context.parameters.get("promotion") ?? "", as: PromotionID.self,
                    notFound: PromotionsError.promotionNotFound)
                let (promotions, catalog) = (platform.promotions, platform.catalog)
                let (record, names) = try await platform.database.read { db in
                    let record = try await promotions.promotion(id.rawValue, on: db)
                    return (record, try await Self.names(of: record.promotion, catalog: catalog, on: db))
                }
                return try await promotionRuleFormPage(
                    request, form: PromotionRuleForm(record.promotion, names: names, settings: settings),
                    editing: record, visit: visit)
            }
        }
        router.post("/admin/promotions/:promotion/rule") { request, context in
            await post(request, context, permission: .promotionsManage) { visit, form in
                let id = try pathID(
                    context.parameters.get("promotion") ?? "", as: PromotionID.self,
                    notFound: PromotionsError.promotionNotFound)
                return try await savePromotionRule(request, id: id, form: form, visit: visit)
            }
        }
    }

    /// Prices a cart as the API's `previewPromotions` does: the shopper's pricing on a clock stopped at `at`.
    private func promotionPreview(_ request: Request, visit: StaffVisit) async throws -> Response {
        let query = FormData(urlEncoded: request.uri.query ?? "")
        let (cart, at) = (query["cart"] ?? "", query["at"] ?? "")
        var moment = platform.clock.now()
        var error: String?
        var view: CartView?
        if !at.isEmpty {
            if let typed = CampaignSchedule.instant(at, in: settings.timeZone.identifier) {
                moment = typed
            } else {
                error = "The moment must be a date and time, such as 2027-11-27T09:00."
            }
        }
        if !cart.isEmpty, error == nil {
            if let id = CartID(cart) {
                do {
                    view = try await ShoppingCarts.view(id, access: .staff, on: platform.on(.fixed(moment)))
                } catch let refused as any DomainError where refused.kind == .notFound {
                    error = "No cart has the ID \u{201C}\(cart)\u{201D}."
                }
            } else {
                error = "A cart ID starts with cart_, such as the one in the shopper's cart link."
            }
        }
        let preview = PromotionRuleFormPreview(
            cart: cart, at: at, error: error, view: view, moment: moment, settings: settings)
        return try render(
            "console-promotion-rule-form-preview", title: "Try the promotions on a cart", section: .promotions,
            view: preview, visit: visit, request: request, status: error == nil ? .ok : .unprocessableContent)
    }

    private func promotionRuleFormPage(
        _ request: Request, form: PromotionRuleForm, editing: PromotionRecord?, messages: [String: String] = [:],
        visit: StaffVisit, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let catalog = platform.catalog
        let channels = try await platform.database.read { db in try await catalog.channels(on: db) }
        let view = PromotionRuleFormView(
            form, editing: editing, messages: messages, channels: channels, settings: settings)
        return try render(
            "console-promotion-new", title: view.ruleHeading, section: .promotions, view: view, visit: visit,
            request: request, status: status)
    }

    /// Creates the promotion (`id` nil) or replaces the rule of `id`, keeping its switch and campaign.
    private func savePromotionRule(
        _ request: Request, id: PromotionID?, form: FormData, visit: StaffVisit
    ) async throws -> Response {
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.promotions.\(id == nil ? "create" : "rule")"
        let promotions = platform.promotions
        var current: PromotionRecord?
        if let id {
            current = try await platform.database.read { db in try await promotions.promotion(id.rawValue, on: db) }
        }
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            let typed = PromotionRuleForm(form)
            func refused(_ messages: [String: String], status: HTTPResponse.Status) async throws -> FormReplay.Outcome {
                .refused(
                    try await promotionRuleFormPage(
                        request, form: typed, editing: current, messages: messages, visit: visit, status: status))
            }
            let parsed: PromotionRuleForm.Parsed
            switch typed.parse(references: try await references(for: typed), settings: settings) {
            case .success(let value): parsed = value
            case .failure(let refusal): return try await refused(refusal.messages, status: .unprocessableContent)
            }
            let actor = visit.actor
            let saved: (record: PromotionRecord, conflicts: [PromotionConflict])
            let warnings: [HonestPrices.Warning]
            do {
                if let id {
                    (saved, warnings) = try await HonestPrices.save(
                        { db in
                            let latest = try await promotions.promotion(id.rawValue, on: db)
                            return try await promotions.update(
                                id.rawValue, to: parsed.promotion, isActive: latest.isActive,
                                campaignID: latest.campaignID, by: actor, on: db)
                        }, campaignID: current?.campaignID, on: platform)
                } else {
                    (saved, warnings) = try await HonestPrices.save(
                        { db in
                            try await promotions.create(parsed.promotion, isActive: parsed.isActive, by: actor, on: db)
                        }, campaignID: nil, on: platform)
                }
            } catch let error as any DomainError {
                guard let status = ConsoleFormRefusal.status(of: error) else { throw error }
                return try await refused(Self.ruleMessages(error, parsed: parsed), status: status)
            }
            // Warnings that did not refuse the reduction (the shop does not refuse fake discounts, or this one
            // is still a real reduction) are worth a look before shoppers see it.
            let notice: PromotionPageView.Notice =
                !warnings.isEmpty ? .priceWarnings : id == nil ? .created : .ruleChanged
            return .redirect(notice.location(of: saved.record.promotion.id))
        }
    }

    /// The domain's refusals as sentences next to the fields they concern; what concerns no field goes on top.
    static func ruleMessages(_ error: any DomainError, parsed: PromotionRuleForm.Parsed) -> [String: String] {
        guard !error.fieldErrors.isEmpty else { return ["form": error.message] }
        var messages: [String: String] = [:]
        for problem in error.fieldErrors {
            let field = PromotionRuleForm.field(for: problem.pointer, in: parsed) ?? "form"
            let sentence: String =
                switch problem.code {
                case "fake_discount": "This reduction would be a fake discount: \(problem.message)."
                case "invalid_percentage":
                    "\(ruleLabels[field] ?? "The percentage") must be more than 0 and at most 100."
                default: "\(ruleLabels[field] ?? "The promotion") \(problem.message)."
                }
            messages[field] = messages[field].map { $0 + " " + sentence } ?? sentence
        }
        return messages
    }

    static let ruleLabels = [
        "name": "The name", "label": "The text shown to shoppers", "max_discount": "The total discount",
        "max_uses": "Total uses", "max_uses_per_customer": "Uses per customer", "channels": "Sales channels",
        "customer_groups": "Customer groups", "companies": "Companies", "minimum_subtotal": "The minimum subtotal",
        "minimum_quantity": "The minimum number of items", "starts_at": "Starts", "ends_at": "The end",
        "first_order": "First order only", "coupon_required": "Coupon required", "percent_off": "The percentage",
        "amount_off_order": "The amount", "amount_off_each_item": "The amount", "fixed_price": "The price",
        "buy": "Buy", "get": "Get", "get_percent_off": "The percentage off the cheaper ones",
        "max_applications": "Times per cart", "gift_sku": "The gift", "gift_quantity": "The gift quantity",
        "action_kind": "The action",
    ]

    /// Looks up the names typed into the form's reference fields (channels, companies, categories, products,
    /// SKUs), so that parsing can stay pure.
    private func references(for form: PromotionRuleForm) async throws -> PromotionRuleForm.References {
        let (catalog, customers) = (platform.catalog, platform.customers)
        return try await platform.database.read { db in
            var known = PromotionRuleForm.References()
            for channel in try await catalog.channels(on: db) {
                known.channels[channel.code.lowercased()] = channel.code
            }
            if !form["categories"].isEmpty {
                for category in try await catalog.categories(on: db) {
                    known.categories[category.slug.lowercased()] = category.id.rawValue
                    known.categories[category.id.rawValue.lowercased()] = category.id.rawValue
                }
            }
            if !form["companies"].isEmpty {
                for company in try await customers.companies(on: db) {
                    known.companies[company.legalName.lowercased()] = company.id.rawValue
                    known.companies[company.id.rawValue.lowercased()] = company.id.rawValue
                }
            }
            for name in PromotionRuleForm.names(form["products"]) {
                let product =
                    if let id = ProductID(name) { try? await catalog.product(id, on: db) } else {
                        try? await catalog.product(slug: name.lowercased(), on: db)
                    }
                if let product { known.products[name.lowercased()] = product.id.rawValue }
            }
            for name in PromotionRuleForm.names(form["skus"]) + [form["gift_sku"]] where !name.isEmpty {
                let variant =
                    if let id = VariantID(name) { try? await catalog.variant(id, on: db) } else {
                        try? await catalog.variant(sku: name, on: db)
                    }
                if let variant { known.variants[name.lowercased()] = variant.id.rawValue }
            }
            return known
        }
    }

    /// Handles and SKUs to show for the IDs a saved promotion names.
    private static func names(
        of promotion: Promotion, catalog: Catalog, on db: any SQLDatabase
    ) async throws -> [String: String] {
        var names: [String: String] = [:]
        if !promotion.scope.categoryIDs.isEmpty {
            for category in try await catalog.categories(on: db) { names[category.id.rawValue] = category.slug }
        }
        for raw in promotion.scope.productIDs {
            if let id = ProductID(raw), let product = try? await catalog.product(id, on: db) {
                names[raw] = product.slug
            }
        }
        var variants = promotion.scope.variantIDs
        if case .freeGift(let variant, _) = promotion.action { variants.insert(variant) }
        for raw in variants {
            if let id = VariantID(raw), let variant = try? await catalog.variant(id, on: db) {
                names[raw] = variant.sku
            }
        }
        return names
    }
}

extension PromotionRuleForm {
    /// The posted form's fields, the first value of each (the guard's token and the form key left out).
    init(_ form: FormData) {
        var values: [String: String] = [:]
        for field in form.fields where field.name != FormGuard.fieldName && field.name != FormReplay.fieldName {
            if values[field.name] == nil { values[field.name] = form[field.name] ?? "" }
        }
        self.init(values: values)
    }
}
