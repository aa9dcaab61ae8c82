import Catalog
import Foundation
import Promotions
import TorvCore

/// The promotion form's page: a new promotion, or a saved one's rule to change, filled in with what was typed
/// (or saved) and a message next to every field that was refused. Every action kind has its own fieldset;
/// only the chosen kind's fields are read, so the page works without its script, which hides the others.
struct PromotionRuleFormView {
    let ruleHeading: String
    let ruleIntro: String
    let ruleFormAction: String
    /// The promotion whose rule is changed, for the breadcrumbs; nil on a new promotion's form.
    let ruleEditedHref: String?
    let ruleEditedName: String?
    let ruleKey: String
    let ruleSubmitLabel: String
    let ruleProblems: [Problem]
    let hasRuleProblems: Bool
    let ruleFieldsets: [Fieldset]
    let ruleKindField: Field
    let ruleActionFieldsets: [Fieldset]

    struct Problem {
        let problemHref: String
        let problemText: String
    }

    struct Fieldset {
        let fieldsetID: String
        let fieldsetLegend: String
        let fieldsetKind: String?
        let fieldsetHint: String?
        let fieldsetFields: [Field]
    }

    struct Field {
        let ruleFieldName: String
        let ruleFieldID: String
        let ruleFieldLabel: String
        let ruleFieldType: String
        let ruleFieldValue: String
        let ruleFieldHint: String?
        let ruleFieldError: String?
        let ruleFieldDescribedBy: String?
        let ruleFieldIsInput: Bool
        let ruleFieldIsCheckbox: Bool
        let ruleFieldChecked: Bool
        let ruleFieldIsSelect: Bool
        let ruleFieldOptions: [FilterOption]
    }

    /// `editing` is the promotion whose rule is changed; nil for a new one.
    init(
        _ form: PromotionRuleForm, editing: PromotionRecord?, messages: [String: String], channels: [SalesChannel],
        settings: ShopSettings
    ) {
        let currency = settings.currency.code
        let zone = settings.timeZone.identifier
        func field(
            _ name: String, _ label: String, type: String = "text", hint: String? = nil,
            options: [(String, String)] = []
        ) -> Field {
            let id = "rule-" + name.replacingOccurrences(of: "_", with: "-")
            let error = messages[name]
            let describedBy = [hint.map { _ in id + "-hint" }, error.map { _ in id + "-error" }].compactMap { $0 }
            return Field(
                ruleFieldName: name, ruleFieldID: id, ruleFieldLabel: label, ruleFieldType: type,
                ruleFieldValue: form[name], ruleFieldHint: hint, ruleFieldError: error,
                ruleFieldDescribedBy: describedBy.isEmpty ? nil : describedBy.joined(separator: " "),
                ruleFieldIsInput: type != "checkbox" && type != "select", ruleFieldIsCheckbox: type == "checkbox",
                ruleFieldChecked: form[name] == "on", ruleFieldIsSelect: type == "select",
                ruleFieldOptions: options.map {
                    FilterOption(optionValue: $0.0, optionLabel: $0.1, optionSelected: form[name] == $0.0)
                })
        }
        let isNew = editing == nil
        ruleHeading = editing.map { "Change the rule of \($0.promotion.name)" } ?? "New promotion"
        ruleIntro =
            isNew
            ? "A rule that lowers what shoppers pay: who may have it, on which lines, what it takes off and how much "
                + "of it may be given. It is checked by the same rules as the admin API's, honest prices included."
            : "Saving replaces the rule. Uses and discount already given stay; the switch and the campaign are kept."
        ruleFormAction = editing.map { "/admin/promotions/\($0.promotion.id)/rule" } ?? "/admin/promotions/new"
        ruleEditedHref = editing.map { "/admin/promotions/\($0.promotion.id)" }
        ruleEditedName = editing?.promotion.name
        ruleKey = FormGuard.randomToken()
        ruleSubmitLabel = isNew ? "Create promotion" : "Save the rule"
        let general = [
            field("name", "Name (for staff)"),
            field(
                "label", "Shown to shoppers",
                hint: "Next to the discount in the cart, such as \u{201C}10 % off\u{201D}."),
            field("priority", "Priority", type: "number", hint: "Higher applies first."),
            field(
                "stacking", "Stacking", type: "select",
                options: [
                    ("combinable", "Combines with other promotions"),
                    ("exclusive", "Exclusive: no other promotion applies with it"),
                ]),
        ]
        let fieldsets = [
            Fieldset(
                fieldsetID: "rule-general", fieldsetLegend: "The promotion", fieldsetKind: nil, fieldsetHint: nil,
                fieldsetFields: general + (isNew ? [field("active", "Switch on when saved", type: "checkbox")] : [])),
            Fieldset(
                fieldsetID: "rule-window", fieldsetLegend: "When, and how much may be given", fieldsetKind: nil,
                fieldsetHint: "Empty fields set no limit.",
                fieldsetFields: [
                    field("starts_at", "Starts (\(zone) time)", type: "datetime-local"),
                    field("ends_at", "Ends (\(zone) time)", type: "datetime-local"),
                    field(
                        "coupon_required", "Only with a coupon code", type: "checkbox",
                        hint: "Create the codes on the promotion's page once it is saved."),
                    field("max_discount", "Total discount, in \(currency) (such as 500.00)"),
                    field("max_uses", "Total uses (orders)", type: "number"),
                    field("max_uses_per_customer", "Uses per customer", type: "number"),
                ]),
            Fieldset(
                fieldsetID: "rule-scope", fieldsetLegend: "On which lines",
                fieldsetKind: nil,
                fieldsetHint: "Comma-separated; all empty means every line. A line matching any list counts.",
                fieldsetFields: [
                    field("categories", "Categories (handles or IDs)"),
                    field("products", "Products (handles or IDs)"),
                    field("skus", "Variants (SKUs)"),
                ]),
            Fieldset(
                fieldsetID: "rule-conditions", fieldsetLegend: "Which carts qualify", fieldsetKind: nil,
                fieldsetHint: "All that are filled in must hold.",
                fieldsetFields: [
                    field("minimum_subtotal", "Minimum subtotal of those lines, in \(currency)"),
                    field("minimum_quantity", "Minimum number of items", type: "number"),
                    field(
                        "channels", "Sales channels",
                        hint: "Comma-separated codes: " + channels.map(\.code).joined(separator: ", ") + "."),
                    field("customer_groups", "Customer groups", hint: "Comma-separated, such as vip, staff."),
                    field("companies", "Companies (IDs or legal names)"),
                    field("first_order", "Only a customer's first order", type: "checkbox"),
                ]),
        ]
        let kindField = field(
            "action_kind", "Kind", type: "select",
            options: PromotionRuleForm.ActionKind.allCases.map { ($0.rawValue, $0.label) })
        func kind(_ kind: PromotionRuleForm.ActionKind, hint: String? = nil, _ fields: [Field]) -> Fieldset {
            Fieldset(
                fieldsetID: "rule-action-" + kind.rawValue.replacingOccurrences(of: "_", with: "-"),
                fieldsetLegend: kind.label, fieldsetKind: kind.rawValue, fieldsetHint: hint, fieldsetFields: fields)
        }
        let tiers = (1...form.tierRowCount).flatMap { row in
            [
                field("tier_threshold_\(row)", "Tier \(row): from a subtotal of, in \(currency)"),
                field("tier_percent_\(row)", "Tier \(row): percentage off"),
            ]
        }
        let actionFieldsets = [
            kind(.percentOff, [field("percent_off", "Percentage off", hint: "Such as 10 or 12.5.")]),
            kind(.amountOffOrder, [field("amount_off_order", "Amount off, in \(currency)")]),
            kind(.amountOffEachItem, [field("amount_off_each_item", "Amount off each item, in \(currency)")]),
            kind(.fixedPrice, [field("fixed_price", "Price of each item, in \(currency)")]),
            kind(
                .buyXGetY,
                [
                    field("buy", "Buy (items)", type: "number"), field("get", "Get (items)", type: "number"),
                    field("get_percent_off", "Percentage off the cheaper ones", hint: "100 makes them free."),
                    field("max_applications", "At most this many times per cart", type: "number"),
                ]),
            kind(.spendTiers, hint: "Fill in one row per tier, thresholds rising; empty rows are left out.", tiers),
            kind(.freeShipping, hint: "Nothing more to fill in.", []),
            kind(
                .freeGift,
                [field("gift_sku", "The gift's SKU"), field("gift_quantity", "Quantity", type: "number")]),
        ]
        ruleFieldsets = fieldsets
        ruleKindField = kindField
        ruleActionFieldsets = actionFieldsets
        let order = fieldsets.flatMap(\.fieldsetFields) + [kindField] + actionFieldsets.flatMap(\.fieldsetFields)
        ruleProblems =
            (messages["form"].map { [Problem(problemHref: "#rule-form", problemText: $0)] } ?? [])
            + order.compactMap { field in
                field.ruleFieldError.map { Problem(problemHref: "#" + field.ruleFieldID, problemText: $0) }
            }
        hasRuleProblems = !ruleProblems.isEmpty
    }
}
