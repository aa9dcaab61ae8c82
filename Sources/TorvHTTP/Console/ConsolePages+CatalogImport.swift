import Catalog
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import TorvCore

/// The console's CSV import: paste a file (or pick one, which a small script reads into the text
/// area), check it without writing, then import it. Both buttons call the flow the API's
/// `importCatalog` calls, so a file behaves the same whichever way it arrives.
extension ConsolePages {
    /// The API's bound on a catalogue file. The server-wide body limit (`HTTPSettings.maxBodyBytes`)
    /// applies first, and a form's encoding makes a file up to three times larger on the wire.
    static let importBodyLimit = 16 << 20

    func importPage(_ request: Request, visit: StaffVisit) throws -> Response {
        let query = FormData(urlEncoded: request.uri.query ?? "")
        return try render(
            "console-import", title: "Import products", section: .catalog,
            view: ImportPageView(csv: "", outcome: query["written"] == "1" ? .written(query) : nil),
            visit: visit, request: request)
    }

    func importCSV(_ request: Request, form: FormData, visit: StaffVisit) async throws -> Response {
        // Untrimmed: a leading blank line is part of the file, and problems are reported by its line numbers.
        let csv = form.fields.first { $0.name == "csv" }?.value ?? ""
        let dryRun = form["intent"] != "import"
        guard !csv.allSatisfy(\.isWhitespace) else {
            let picked = form["file"].flatMap { $0.isEmpty ? nil : $0 }
            let message =
                picked.map {
                    "The file \($0) was not read: this browser sent only its name. "
                        + "Open the file in a text editor or spreadsheet, copy all of it and paste it here."
                } ?? "Paste the CSV file's contents, or choose a file, first."
            return try render(
                "console-import", title: "Import products", section: .catalog,
                view: ImportPageView(csv: csv, outcome: nil, formProblem: message), visit: visit, request: request,
                status: .unprocessableContent)
        }
        do {
            let report = try await CatalogImport.run(csv: csv, dryRun: dryRun, by: visit.actor, on: platform)
            guard dryRun else { return HTMLResponse.redirect(to: ImportOutcome.writtenHref(report)) }
            return try render(
                "console-import", title: "Check import", section: .catalog,
                view: ImportPageView(csv: csv, outcome: .checked(report)), visit: visit, request: request)
        } catch CatalogError.importRejected(let problems) {
            return try render(
                "console-import", title: "Import refused", section: .catalog,
                view: ImportPageView(csv: csv, outcome: .rejected(problems)), visit: visit, request: request,
                status: .unprocessableContent)
        }
    }
}
