import Checkout
import Flows
import Foundation
import Inventory
import TorvCore

/// The one checkout page, in three steps that unlock in order: where to (contact and address), how
/// (shipping or pick-up, priced for that address), and pay. Each step is its own form, so the page
/// works without JavaScript and a mistake in one step keeps what was typed in it.
struct CheckoutView {
    let summary: CartPageView
    let address: AddressForm
    let countries: [CountryChoice]
    let addressSaved: Bool
    let deliveryOptions: [DeliveryOptionView]
    let noDeliveryOptions: Bool
    let deliveryChosen: Bool
    let readyToPay: Bool
    let checkoutKey: String
    let errors: [FieldMessage]
    let paymentProblem: String?
    let stillNeeded: [String]
}

/// What the shopper typed (or what the cart already holds), echoed back into the form.
struct AddressForm {
    var email = ""
    var name = ""
    var line1 = ""
    var line2 = ""
    var postalCode = ""
    var city = ""
    var country = ""

    init() {}

    init(cart: Cart) {
        email = cart.email ?? ""
        if let address = cart.shippingAddress {
            name = address.name
            line1 = address.line1
            line2 = address.line2 ?? ""
            postalCode = address.postalCode
            city = address.city
            country = address.country
        }
    }

    init(form: FormData) {
        email = form["email"] ?? ""
        name = form["name"] ?? ""
        line1 = form["line1"] ?? ""
        line2 = form["line2"] ?? ""
        postalCode = form["postal_code"] ?? ""
        city = form["city"] ?? ""
        country = (form["country"] ?? "").uppercased()
    }

    var shippingAddress: Address {
        Address(
            name: name, line1: line1, line2: line2.isEmpty ? nil : line2, city: city, postalCode: postalCode,
            country: country)
    }
}

struct CountryChoice {
    let code: String
    let countryName: String
    let selected: Bool
}

struct DeliveryOptionView {
    let value: String
    let optionLabel: String
    let optionPrice: String
    let optionDetail: String
    let checked: Bool
}

/// A field's problem, tied to the input it is about (`field` is the input's `id`).
struct FieldMessage {
    let field: String
    let message: String

    /// Maps a flow's JSON pointer (`/shipping_address/postal_code`) to the form's input.
    init(_ error: FieldError) {
        let last = error.pointer.split(separator: "/").last.map(String.init) ?? ""
        field =
            switch last {
            case "email", "name", "line1", "line2", "city", "country", "postal_code", "password": last
            case "method_id", "pickup_location_id", "delivery": "delivery"
            case "card", "number": "card_number"
            default: "checkout"
            }
        let label =
            switch field {
            case "email": "E-mail"
            case "name": "Name"
            case "line1": "Street and number"
            case "line2": "Address line 2"
            case "city": "City"
            case "country": "Country"
            case "postal_code": "Postal code"
            case "password": "Password"
            case "delivery": "Delivery"
            case "card_number": "Card number"
            default: "Checkout"
            }
        message = "\(label) \(error.message)"
    }
}

extension CountryChoice {
    /// The countries the shop ships to, by name in the shop's language, with the shopper's choice marked.
    static func list(_ codes: Set<String>, selected: String, locale: Locale) -> [CountryChoice] {
        codes.map { code in
            CountryChoice(
                code: code, countryName: locale.localizedString(forRegionCode: code) ?? code, selected: code == selected
            )
        }.sorted { $0.countryName < $1.countryName }
    }
}

extension DeliveryOptionView {
    static func options(
        shipping: [ShippingOption], pickup: [StockLocation], chosen: DeliveryChoice?, settings: ShopSettings
    ) -> [DeliveryOptionView] {
        let ships = shipping.map { option in
            DeliveryOptionView(
                value: "ship:" + option.methodID.rawValue, optionLabel: option.name,
                optionPrice: option.price.isZero ? "Free" : settings.money(option.price),
                optionDetail: option.estimate.map { "\($0.minimumDays)–\($0.maximumDays) working days" }
                    ?? (option.carrier ?? ""),
                checked: chosen == .shipping(option.methodID))
        }
        let collects = pickup.map { location in
            DeliveryOptionView(
                value: "pickup:" + location.id.rawValue, optionLabel: "Collect at \(location.name)",
                optionPrice: "Free",
                optionDetail: [location.address.line1, location.address.city].filter { !$0.isEmpty }.joined(
                    separator: ", "),
                checked: chosen == .pickup(locationID: location.id.rawValue))
        }
        return ships + collects
    }
}
