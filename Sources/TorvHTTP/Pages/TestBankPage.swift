import Flows
import Foundation
import Hummingbird
import Logging
import Mustache
import Payments
import TorvCore

/// The simulated card issuer's 3-D Secure page: the `challenge_url` a checkout with test card
/// 4000 0000 0000 3220 answers with. The shopper approves or fails the check; the processor's webhook
/// then settles the order through the normal verified path (``TestCardWebhooks``). Plain HTML forms,
/// no JavaScript; the unguessable charge reference in the URL is what authorises the answer, as at a
/// real issuer.
struct TestBankPage {
    struct View {
        let heading: String
        let message: String
        let waiting: Waiting?
    }

    struct Waiting {
        let amount: String
        let action: String
    }

    let template: MustacheTemplate
    let stylesheet: String

    init(templatesDirectory: URL) throws {
        func read(_ file: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: templatesDirectory.appending(path: file).path) else {
                throw APIReferenceError.missingTemplate(file)
            }
            return String(decoding: data, as: UTF8.self)
        }
        template = try MustacheTemplate(string: try read("test-psp.mustache"))
        stylesheet = try read("test-psp.css")
    }

    func register(on router: Router<TorvRequestContext>, platform: Platform) {
        let stylesheet = self.stylesheet
        router.get("/test-psp/psp.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: stylesheet)))
        }
        router.get(RouterPath(TestCardWebhooks.challengePath + ":reference")) { _, context in
            let reference = context.parameters.get("reference") ?? ""
            guard let amount = await platform.testCards.pendingChallenge(reference) else {
                return page(.notFound, View(heading: "Nothing to approve", message: Self.gone, waiting: nil))
            }
            return page(
                .ok,
                View(
                    heading: "Confirm your payment",
                    message: "Your card issuer asks you to confirm this online payment.",
                    waiting: Waiting(
                        amount: amount.formatted(), action: TestCardWebhooks.challengePath + reference)))
        }
        router.post(RouterPath(TestCardWebhooks.challengePath + ":reference")) { request, context in
            let reference = context.parameters.get("reference") ?? ""
            let form = String(buffer: try await request.body.collect(upTo: 1024))
            let answer = form.split(separator: "&").first { $0.hasPrefix("answer=") }?.dropFirst("answer=".count)
            guard answer == "approve" || answer == "decline" else {
                return page(
                    .badRequest, View(heading: "Choose an answer", message: "Approve or fail the check.", waiting: nil))
            }
            let approve = answer == "approve"
            guard
                await TestCardWebhooks.answerChallenge(
                    reference, approve: approve, on: platform, logger: context.logger)
            else {
                return page(.notFound, View(heading: "Nothing to approve", message: Self.gone, waiting: nil))
            }
            return page(
                .ok,
                approve
                    ? View(
                        heading: "Payment approved",
                        message: "You can return to the shop: your order is confirmed there.", waiting: nil)
                    : View(
                        heading: "Payment not approved",
                        message: "The check failed, so the card was not charged. Return to the shop to try again.",
                        waiting: nil))
        }
    }

    private static let gone =
        "No payment is waiting for confirmation here: it was answered already, or the link is wrong."

    private func page(_ status: HTTPResponse.Status, _ view: View) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: template.render(view))))
    }
}
