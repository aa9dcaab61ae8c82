import Catalog
import Flows
import Foundation
import Persistence
import TorvAPI
import TorvCore

/// How the catalogue is organised: the category tree, option types, sales channels and tax classes.
extension APIHandlers {
    func listCatalogCategories(
        _ input: Operations.ListCatalogCategories.Input
    ) async throws -> Operations.ListCatalogCategories.Output {
        .ok(.init(body: .json(try await categoryTree())))
    }

    /// The same tree as staff see: categories hold no unpublished information, only names and order.
    func listStoreCategories(
        _ input: Operations.ListStoreCategories.Input
    ) async throws -> Operations.ListStoreCategories.Output {
        .ok(.init(body: .json(try await categoryTree())))
    }

    func createCatalogCategory(
        _ input: Operations.CreateCatalogCategory.Input
    ) async throws -> Operations.CreateCatalogCategory.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        var ids = FieldIDs()
        let parent = body.parentId.map { ids.id($0, as: CategoryID.self, at: "/parent_id") }
        try ids.finish()
        let draft = NewCategory(name: body.name, slug: body.slug, parentID: parent, position: body.position)
        let actor = try actor()
        let catalog = platform.catalog
        do {
            let category = try await platform.database.inTransaction { db in
                try await catalog.createCategory(draft, by: actor, on: db)
            }
            return .created(.init(body: .json(.init(category))))
        } catch CatalogError.categoryNotFound {
            throw CatalogFieldError(.categoryNotFound, at: "/parent_id")
        }
    }

    func moveCatalogCategory(
        _ input: Operations.MoveCatalogCategory.Input
    ) async throws -> Operations.MoveCatalogCategory.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.categoryId, as: CategoryID.self, notFound: CatalogError.categoryNotFound)
        var ids = FieldIDs()
        let parent = body.parentId.map { ids.id($0, as: CategoryID.self, at: "/parent_id") }
        try ids.finish()
        let actor = try actor()
        let catalog = platform.catalog
        let category = try await platform.database.inTransaction { db in
            // The moving category first, so an unknown one is 404 and an unknown parent a field problem.
            _ = try await catalog.category(id, on: db)
            do {
                return try await catalog.moveCategory(id, under: parent, position: body.position, by: actor, on: db)
            } catch CatalogError.categoryNotFound {
                throw CatalogFieldError(.categoryNotFound, at: "/parent_id")
            }
        }
        return .ok(.init(body: .json(.init(category))))
    }

    func listOptionTypes(_ input: Operations.ListOptionTypes.Input) async throws -> Operations.ListOptionTypes.Output {
        let catalog = platform.catalog
        let types = try await platform.database.read { db in try await catalog.optionTypes(on: db) }
        return .ok(.init(body: .json(.init(items: types.map(Components.Schemas.OptionType.init)))))
    }

    func createOptionType(
        _ input: Operations.CreateOptionType.Input
    ) async throws -> Operations.CreateOptionType.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let type = OptionType(
            code: body.code, name: body.name, values: body.values.map { OptionValue(code: $0.code, name: $0.name) })
        let actor = try actor()
        let catalog = platform.catalog
        let created = try await platform.database.inTransaction { db in
            try await catalog.createOptionType(type, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(created))))
    }

    func addOptionValue(_ input: Operations.AddOptionValue.Input) async throws -> Operations.AddOptionValue.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let code = input.path.code
        let value = OptionValue(code: body.code, name: body.name)
        let actor = try actor()
        let catalog = platform.catalog
        let type = try await platform.database.inTransaction { db in
            try await catalog.addOptionValue(value, to: code, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(type))))
    }

    func listSalesChannels(
        _ input: Operations.ListSalesChannels.Input
    ) async throws -> Operations.ListSalesChannels.Output {
        let catalog = platform.catalog
        let channels = try await platform.database.read { db in try await catalog.channels(on: db) }
        return .ok(.init(body: .json(.init(items: channels.map(Components.Schemas.CodeAndName.init)))))
    }

    func createSalesChannel(
        _ input: Operations.CreateSalesChannel.Input
    ) async throws -> Operations.CreateSalesChannel.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let actor = try actor()
        let catalog = platform.catalog
        let channel = try await platform.database.inTransaction { db in
            try await catalog.createChannel(SalesChannel(code: body.code, name: body.name), by: actor, on: db)
        }
        return .created(.init(body: .json(.init(channel))))
    }

    func listTaxClasses(_ input: Operations.ListTaxClasses.Input) async throws -> Operations.ListTaxClasses.Output {
        let catalog = platform.catalog
        let classes = try await platform.database.read { db in try await catalog.taxClasses(on: db) }
        return .ok(.init(body: .json(.init(items: classes.map(Components.Schemas.CodeAndName.init)))))
    }

    func createTaxClass(_ input: Operations.CreateTaxClass.Input) async throws -> Operations.CreateTaxClass.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let actor = try actor()
        let catalog = platform.catalog
        let taxClass = try await platform.database.inTransaction { db in
            try await catalog.createTaxClass(TaxClass(code: body.code, name: body.name), by: actor, on: db)
        }
        return .created(.init(body: .json(.init(taxClass))))
    }

    private func categoryTree() async throws -> Components.Schemas.CategoryTree {
        let catalog = platform.catalog
        let tree = try await platform.database.read { db in try await catalog.categoryTree(on: db) }
        return .init(items: tree.map(Components.Schemas.CategoryNode.init))
    }
}
