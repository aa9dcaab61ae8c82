import HTTPTypes
import Hummingbird

/// Responses of the HTML pages: never cached by a shared cache (they carry a form token and often a
/// shopper's cart), and redirects after a post use 303 so a reload does not post again.
enum HTMLResponse {
    static func page(_ html: String, status: HTTPResponse.Status = .ok, cookies: [Cookie] = []) -> Response {
        var response = Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    static func redirect(to location: String, cookies: [Cookie] = []) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// A file the browser saves rather than shows, such as a report as CSV.
    static func download(_ body: String, filename: String, contentType: String = "text/csv; charset=utf-8") -> Response
    {
        Response(
            status: .ok,
            headers: [
                .contentType: contentType, .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"\(filename)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func asset(_ asset: PageAsset) -> Response {
        Response(
            status: .ok, headers: [.contentType: asset.contentType, .cacheControl: "public, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(string: asset.body)))
    }
}
