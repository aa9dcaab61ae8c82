import Foundation
import Identity
import TorvCore

/// The staff list: who may sign in to the console, with which roles, and the form that adds someone.
struct StaffListView {
    struct Member {
        let memberHref: String
        let memberName: String
        let memberEmail: String
        let memberRoles: String
        let memberTwoFactor: String
        let memberState: String
        let memberActive: Bool
    }

    struct RoleChoice {
        let roleName: String
        let roleDescription: String
        let roleChecked: Bool
        let roleFieldID: String
    }

    let members: [Member]
    let hasMembers: Bool
    let nextStaffHref: String?
    let mayManage: Bool
    let roleChoices: [RoleChoice]
    let newName: String
    let newEmail: String
    let createError: String?
    let notice: String?
    let createKey = FormGuard.randomToken()

    init(
        users: [StaffUser], next: StaffUserID?, roles: [Role], mayManage: Bool, failed: FormData?, error: String?,
        notice: String?, settings: ShopSettings
    ) {
        members = users.map { user in
            Member(
                memberHref: "/admin/settings/staff/\(user.id.rawValue)", memberName: user.name,
                memberEmail: user.email, memberRoles: user.roles.joined(separator: ", "),
                memberTwoFactor: user.twoFactorEnabled ? "On" : "Off",
                memberState: user.disabledAt.map { "Disabled \(settings.date($0))" } ?? "Active",
                memberActive: user.isActive)
        }
        hasMembers = !users.isEmpty
        nextStaffHref = next.map { "/admin/settings/staff?after=\($0.rawValue)" }
        self.mayManage = mayManage
        let chosen = Set(failed?.values("roles") ?? [])
        roleChoices = roles.map {
            RoleChoice(
                roleName: $0.name, roleDescription: $0.description, roleChecked: chosen.contains($0.name),
                roleFieldID: "new-role-\($0.name)")
        }
        newName = failed?["name"] ?? ""
        newEmail = failed?["email"] ?? ""
        createError = error
        self.notice = notice
    }
}

/// One staff member: their roles as checkboxes to change, and disabling them.
struct StaffMemberView {
    let staffMemberName: String
    let staffMemberEmail: String
    let staffMemberID: String
    let staffSince: String
    let staffTwoFactor: String
    let staffDisabledOn: String?
    let staffActive: Bool
    let mayManageStaff: Bool
    let roleBoxes: [StaffListView.RoleChoice]
    let rolesError: String?
    let disableError: String?
    let notice: String?
    let isSelf: Bool
    let rolesKey = FormGuard.randomToken()
    let disableKey = FormGuard.randomToken()

    init(
        user: StaffUser, roles: [Role], mayManage: Bool, isSelf: Bool, failedRoles: FormData?, rolesError: String?,
        disableError: String?, notice: String?, settings: ShopSettings
    ) {
        staffMemberName = user.name
        staffMemberEmail = user.email
        staffMemberID = user.id.rawValue
        staffSince = settings.date(user.createdAt)
        staffTwoFactor = user.twoFactorEnabled ? "On" : "Off"
        staffDisabledOn = user.disabledAt.map(settings.date)
        staffActive = user.isActive
        mayManageStaff = mayManage && user.isActive
        let chosen = Set(failedRoles?.values("roles") ?? user.roles)
        roleBoxes = roles.map {
            StaffListView.RoleChoice(
                roleName: $0.name, roleDescription: $0.description, roleChecked: chosen.contains($0.name),
                roleFieldID: "role-\($0.name)")
        }
        self.rolesError = rolesError
        self.disableError = disableError
        self.notice = notice
        self.isSelf = isSelf
    }
}
