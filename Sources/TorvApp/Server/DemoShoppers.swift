import Checkout
import Foundation

/// Who buys in the demo: the five registered shoppers and a crowd of guests across the shop's
/// shipping countries. Names and streets are made up here.
enum DemoShoppers {
    static let guests: [(String, String, String, String, String)] = [
        ("Elsa Berg", "Sveavägen 44", "Stockholm", "113 59", "SE"),
        ("Omar Haddad", "Nørrebrogade 120", "København", "2200", "DK"),
        ("Ingrid Solberg", "Thorvald Meyers gate 7", "Oslo", "0555", "NO"),
        ("Aino Virtanen", "Mannerheimintie 12", "Helsinki", "00100", "FI"),
        ("Lukas Becker", "Kastanienallee 9", "Berlin", "10435", "DE"),
        ("Sanne de Vries", "Prinsengracht 300", "Amsterdam", "1016 HW", "NL"),
        ("Chloé Martin", "Rue Oberkampf 51", "Paris", "75011", "FR"),
        ("Nils Holm", "Drottninggatan 8", "Göteborg", "411 14", "SE"),
        ("Maja Lind", "Storgatan 19", "Umeå", "903 26", "SE"),
        ("Jonas Weber", "Schanzenstraße 30", "Hamburg", "20357", "DE"),
    ]

    static func all(registered: [String: String]) -> [DemoHistory.Shopper] {
        var shoppers: [DemoHistory.Shopper] = []
        for (index, (email, id)) in registered.sorted(by: { $0.key < $1.key }).enumerated() {
            let (_, street, city, postal, country) = guests[index % guests.count]
            shoppers.append(
                DemoHistory.Shopper(
                    customerID: id, email: email,
                    address: Address(
                        name: email.split(separator: "@")[0].capitalized, line1: street, city: city, postalCode: postal,
                        country: country)))
        }
        for (name, street, city, postal, country) in guests {
            let email =
                name.lowercased().folding(options: .diacriticInsensitive, locale: nil)
                .replacingOccurrences(of: " ", with: ".") + "@example.com"
            shoppers.append(
                DemoHistory.Shopper(
                    customerID: nil, email: email,
                    address: Address(name: name, line1: street, city: city, postalCode: postal, country: country)))
        }
        return shoppers
    }
}
