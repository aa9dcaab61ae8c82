import Customers
import Flows
import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Customer groups")
struct GroupTests {
    @Test("create, rename and list groups; the code never changes")
    func lifecycle() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let wholesale = try await platform.write { customers, db in
                try await customers.createGroup(code: "wholesale", name: " Wholesale ", by: .clerk, on: db)
            }
            _ = try await platform.write { customers, db in
                try await customers.createGroup(code: "staff", name: "Staff", by: .clerk, on: db)
            }
            #expect(wholesale.name == "Wholesale" && wholesale.createdAt == env.clock.now)
            let renamed = try await platform.write { customers, db in
                try await customers.renameGroup(wholesale.id, to: "Trade customers", by: .clerk, on: db)
            }
            #expect(renamed.code == "wholesale" && renamed.name == "Trade customers")
            let all = try await platform.read { customers, db in try await customers.groups(on: db) }
            #expect(all.map(\.code) == ["staff", "wholesale"])
            let byCode = try await platform.read { customers, db in try await customers.group(code: "wholesale", on: db)
            }
            #expect(byCode == renamed)
            #expect(
                try await platform.auditActions().sorted() == [
                    "customer_group.created", "customer_group.created", "customer_group.renamed",
                ])
        }
    }

    @Test("a taken code and a bad code are refused")
    func refusals() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            _ = try await platform.write { customers, db in
                try await customers.createGroup(code: "vip", name: "VIP", by: .clerk, on: db)
            }
            await #expect(throws: CustomersError.groupCodeTaken("vip")) {
                try await platform.write { customers, db in
                    try await customers.createGroup(code: "vip", name: "Other VIP", by: .clerk, on: db)
                }
            }
            let error = await #expect(throws: ValidationError.self) {
                try await platform.write { customers, db in
                    try await customers.createGroup(code: "V I P", name: "", by: .clerk, on: db)
                }
            }
            #expect(fieldCodes(error) == ["/code": "invalid_group_code", "/name": "invalid_name"])
            await #expect(throws: CustomersError.groupNotFound) {
                try await platform.write { customers, db in
                    try await customers.renameGroup(CustomerGroupID.generate(), to: "X", by: .clerk, on: db)
                }
            }
        }
    }

    @Test(
        "12 concurrent creations of one code leave one group and 11 group_code_taken", arguments: TestBackend.allCases)
    func concurrentCodes(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let customers = platform.customers
            let database = env.database
            let created = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        do {
                            _ = try await database.inTransaction { db in
                                try await customers.createGroup(
                                    code: "wholesale", name: "W\(index)", by: .clerk, on: db)
                            }
                            return true
                        } catch CustomersError.groupCodeTaken {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(created == 1)
            let groups = try await platform.read { customers, db in try await customers.groups(on: db) }
            #expect(groups.count == 1)
        }
    }

    @Test("members join and leave; groups(of:) gives the codes pricing needs; events only on change")
    func members() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let erika = Customer.id()
            let max = Customer.id()
            let (wholesale, vip) = try await platform.write { customers, db in
                (
                    try await customers.createGroup(code: "wholesale", name: "Wholesale", by: .clerk, on: db),
                    try await customers.createGroup(code: "vip", name: "VIP", by: .clerk, on: db)
                )
            }
            let added = try await platform.write { customers, db in
                [
                    try await customers.addMember(erika, to: wholesale.id, by: .clerk, on: db),
                    try await customers.addMember(erika, to: vip.id, by: .clerk, on: db),
                    try await customers.addMember(max, to: vip.id, by: .clerk, on: db),
                    try await customers.addMember(erika, to: vip.id, by: .clerk, on: db),
                ]
            }
            #expect(added == [true, true, true, false])
            let codes = try await platform.read { customers, db in try await customers.groups(of: erika, on: db) }
                .map(\.code)
            #expect(codes == ["vip", "wholesale"])
            let vipMembers = try await platform.read { customers, db in try await customers.members(of: vip.id, on: db)
            }
            #expect(vipMembers == [erika, max].sorted())
            let joined = try await platform.events(CustomerGroupMemberAdded.self)
            #expect(joined.map(\.groupID) == [wholesale.id, vip.id, vip.id])
            #expect(joined.map(\.groupCode) == ["wholesale", "vip", "vip"])
            #expect(joined.map(\.customerID) == [erika, erika, max])

            let removed = try await platform.write { customers, db in
                [
                    try await customers.removeMember(erika, from: vip.id, by: .clerk, on: db),
                    try await customers.removeMember(erika, from: vip.id, by: .clerk, on: db),
                ]
            }
            #expect(removed == [true, false])
            #expect(
                try await platform.read { customers, db in try await customers.groups(of: erika, on: db) }.map(\.code)
                    == ["wholesale"])
            let left = try await platform.events(CustomerGroupMemberRemoved.self)
            #expect(left.map(\.groupCode) == ["vip"] && left.map(\.customerID) == [erika])
        }
    }

    @Test("adding to a missing group or a malformed customer is refused")
    func memberRefusals() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            await #expect(throws: CustomersError.groupNotFound) {
                try await platform.write { customers, db in
                    try await customers.addMember(Customer.id(), to: CustomerGroupID.generate(), by: .clerk, on: db)
                }
            }
            let group = try await platform.write { customers, db in
                try await customers.createGroup(code: "vip", name: "VIP", by: .clerk, on: db)
            }
            await #expect(throws: ValidationError.self) {
                try await platform.write { customers, db in
                    try await customers.addMember("comp_not_a_customer", to: group.id, by: .clerk, on: db)
                }
            }
            #expect(try await platform.events(CustomerGroupMemberAdded.self).isEmpty)
        }
    }
}
