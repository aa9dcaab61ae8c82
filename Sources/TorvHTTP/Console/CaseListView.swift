import Foundation
import Sellers
import TorvCore

/// Trust-and-safety cases about offers (counterfeit, prohibited, misleading), oldest first: the report, the
/// seller's answer, the trail, and while undecided the operator's two decisions.
struct CaseListView {
    let marketplaceTabs: [MarketplaceTab]
    let caseStatusOptions: [FilterOption]
    let caseItems: [CaseItem]
    let hasCases: Bool
    let casesEmptyMessage: String
    let casesNextHref: String?
    let caseNotice: String?

    init(
        status: CaseStatus?, cases: [SellerCase], sellerNames: [SellerID: String], next: SellerCaseID?,
        mayDecide: Bool, notice: String?, failure: CaseDecisionFailure?, tabs: [MarketplaceTab],
        settings: ShopSettings
    ) {
        marketplaceTabs = tabs
        caseStatusOptions =
            [FilterOption(optionValue: "", optionLabel: "Any state", optionSelected: status == nil)]
            + CaseStatus.allCases.map {
                FilterOption(optionValue: $0.rawValue, optionLabel: Self.status($0), optionSelected: status == $0)
            }
        caseItems = cases.map { sellerCase in
            CaseItem(
                sellerCase, sellerName: sellerNames[sellerCase.sellerID] ?? sellerCase.sellerID.rawValue,
                mayDecide: mayDecide, failure: failure?.caseID == sellerCase.id ? failure : nil, settings: settings)
        }
        hasCases = !cases.isEmpty
        casesEmptyMessage =
            status.map { "No case is \(Self.status($0).lowercased())." } ?? "No offer has been reported."
        casesNextHref = next.map { after in
            "/admin/marketplace/cases?" + (status.map { "status=\($0.rawValue)&" } ?? "") + "after=\(after.rawValue)"
        }
        caseNotice = notice
    }

    static func status(_ status: CaseStatus) -> String {
        switch status {
        case .open: "Open"
        case .awaitingDecision: "Awaiting decision"
        case .takenDown: "Taken down"
        case .restored: "Restored"
        }
    }
}

/// One case with its decision forms.
struct CaseItem {
    let caseID: String
    let caseHeading: String
    let caseSellerHref: String
    let caseSellerName: String
    let caseOfferID: String
    let caseStatusText: String
    let caseStatusClass: String
    let caseReporter: String
    let caseDescription: String
    let caseEvidence: [String]
    let hasEvidence: Bool
    let caseResponse: String?
    let caseDecisionReason: String?
    let caseTrail: [CaseTrailLine]
    let caseMayDecide: Bool
    let decisionKey: String
    let decisionReasonValue: String
    let caseProblem: String?

    init(
        _ sellerCase: SellerCase, sellerName: String, mayDecide: Bool, failure: CaseDecisionFailure?,
        settings: ShopSettings
    ) {
        caseID = sellerCase.id.rawValue
        let reason =
            switch sellerCase.reason {
            case .counterfeit: "Counterfeit"
            case .prohibited: "Prohibited item"
            case .misleading: "Misleading listing"
            }
        caseHeading = "\(reason), reported \(settings.dateTime(sellerCase.openedAt))"
        caseSellerHref = "/admin/marketplace/sellers/\(sellerCase.sellerID.rawValue)"
        caseSellerName = sellerName
        caseOfferID = sellerCase.offerID.rawValue
        caseStatusText = CaseListView.status(sellerCase.status)
        caseStatusClass =
            switch sellerCase.status {
            case .open, .awaitingDecision: "status-pending"
            case .takenDown: "status-cancelled"
            case .restored: "status-approved"
            }
        let reporter =
            switch sellerCase.reporter {
            case .buyer: "a buyer"
            case .rightsOwner: "the rights owner"
            case .operator: "the marketplace"
            }
        caseReporter =
            "Reported by \(reporter)" + (sellerCase.reporterContact.isEmpty ? "" : " (\(sellerCase.reporterContact))")
        caseDescription = sellerCase.description
        caseEvidence = sellerCase.evidenceURLs
        hasEvidence = !sellerCase.evidenceURLs.isEmpty
        caseResponse = sellerCase.sellerResponse
        caseDecisionReason = sellerCase.decisionReason
        caseTrail = sellerCase.events.map {
            CaseTrailLine(
                trailAt: settings.dateTime($0.at), trailAction: $0.action, trailActor: $0.actor,
                trailNote: $0.note ?? "")
        }
        caseMayDecide = mayDecide && !sellerCase.status.isDecided
        decisionKey = FormGuard.randomToken()
        decisionReasonValue = failure?.reason ?? ""
        caseProblem = failure?.message
    }
}

struct CaseTrailLine {
    let trailAt: String
    let trailAction: String
    let trailActor: String
    let trailNote: String
}

/// A refused decision: which case, what was typed and why.
struct CaseDecisionFailure {
    let caseID: SellerCaseID
    let reason: String
    let message: String
}
