using Saas.Platform.Metadata;

namespace Saas.Cli.Commands;

/// <summary><c>saas tenants validate|import|export|diff</c>: configuration between folders and the database.</summary>
internal static class TenantCommands
{
    public static Command Create()
    {
        var tenants = new Command("tenants", "Authorities' configuration: validate, import, export, diff");
        tenants.Subcommands.Add(Validate());
        tenants.Subcommands.Add(Import());
        tenants.Subcommands.Add(Export());
        tenants.Subcommands.Add(Diff());
        return tenants;
    }

    private static Command Validate()
    {
        var path = new Argument<string>("path") { Description = "tenants/ or one authority's folder" };
        var command = new Command("validate", "Checks every document; prints file:line:column: path: message for each error") { path };
        command.SetAction(parse =>
        {
            using var services = CliServices.Build();
            var importer = services.GetRequiredService<MetadataImporter>();
            var failed = false;
            foreach (var folder in CliServices.TenantFolders(parse.GetValue(path)!))
            {
                var (documents, found) = importer.Validate(folder);
                var errors = found;
                foreach (var error in errors)
                {
                    Console.Error.WriteLine(error);
                }

                failed |= errors.Count > 0;
                Console.WriteLine($"{Path.GetFileName(folder)}: {documents.Count} documents, {errors.Count} errors");
            }

            return failed ? 1 : 0;
        });
        return command;
    }

    private static Command Import()
    {
        var path = new Argument<string>("path") { Description = "tenants/ or one authority's folder" };
        var noPublish = new Option<bool>("--no-publish") { Description = "Store changes as drafts only" };
        var command = new Command("import", "Imports all documents in one transaction per authority; nothing is written if any is invalid") { path, noPublish };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CliServices.Build();
            await CliServices.MigrateAsync(services, ct);
            var importer = services.GetRequiredService<MetadataImporter>();
            try
            {
                foreach (var folder in CliServices.TenantFolders(parse.GetValue(path)!))
                {
                    var result = await importer.ImportAsync(folder, "cli:" + Environment.UserName, !parse.GetValue(noPublish), ct);
                    Console.WriteLine($"{result.TenantKey}: {(result.Created ? "created, " : "")}{result.NewVersions} new versions, {result.Unchanged} unchanged, {result.Published} published");
                }

                return 0;
            }
            catch (MetadataValidationException ex)
            {
                foreach (var error in ex.Errors)
                {
                    Console.Error.WriteLine(error);
                }

                return 1;
            }
        });
        return command;
    }

    private static Command Export()
    {
        var directory = new Argument<string>("directory") { Description = "Where to write the authority's folder" };
        var tenant = new Option<string>("--tenant") { Description = "The authority's key", Required = true };
        var command = new Command("export", "Writes the published documents back, byte for byte as imported or edited") { directory, tenant };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CliServices.Build();
            var key = parse.GetValue(tenant)!;
            var count = await services.GetRequiredService<MetadataImporter>().ExportAsync(key, Path.Combine(parse.GetValue(directory)!, key), ct);
            Console.WriteLine($"{key}: {count} documents written");
            return 0;
        });
        return command;
    }

    private static Command Diff()
    {
        var path = new Argument<string>("path") { Description = "tenants/ or one authority's folder" };
        var command = new Command("diff", "Compares a folder with what the database has published") { path };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = CliServices.Build();
            var importer = services.GetRequiredService<MetadataImporter>();
            var changes = 0;
            foreach (var folder in CliServices.TenantFolders(parse.GetValue(path)!))
            {
                foreach (var diff in await importer.DiffAsync(folder, ct))
                {
                    if (diff.Status == "unchanged")
                    {
                        continue;
                    }

                    changes++;
                    Console.WriteLine($"{Path.GetFileName(folder)}: {diff.Status} {diff.Kind}/{diff.Key}");
                    Console.Write(diff.Diff);
                }
            }

            return changes == 0 ? 0 : 2;
        });
        return command;
    }
}
