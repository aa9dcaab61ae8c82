import Inventory

extension GeoCoordinate {
    static let berlin = GeoCoordinate(latitude: 52.52, longitude: 13.405)
    static let hamburg = GeoCoordinate(latitude: 53.551, longitude: 9.993)
    static let munich = GeoCoordinate(latitude: 48.137, longitude: 11.575)
}
