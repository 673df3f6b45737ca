namespace Saas.Cli.Commands;

/// <summary><c>saas db migrate</c> and <c>saas seed</c>.</summary>
internal static class DatabaseCommands
{
    public static Command Create()
    {
        var db = new Command("db", "Database schema");
        var migrate = new Command("migrate", "Applies all pending migrations as the owner role (Database__Owner)");
        migrate.SetAction(async (_, ct) =>
        {
            await using var services = CliServices.Build();
            Console.WriteLine($"{await CliServices.MigrateAsync(services, ct)} migrations applied");
            return 0;
        });
        db.Subcommands.Add(migrate);
        return db;
    }

    public static Command Seed()
    {
        var path = new Option<string>("--from") { Description = "The tenants folder (default: ./tenants)", DefaultValueFactory = _ => "tenants" };
        var seed = new Command("seed", "Migrates and imports the demo authorities") { path };
        seed.SetAction(async (parse, ct) =>
        {
            await using var services = CliServices.Build();
            await CliServices.MigrateAsync(services, ct);
            var importer = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Saas.Platform.Metadata.MetadataImporter>(services);
            foreach (var result in await importer.ImportAllAsync(parse.GetValue(path)!, "cli:seed", true, ct))
            {
                Console.WriteLine($"{result.TenantKey}: {result.NewVersions} new versions, {result.Published} published");
            }

            return 0;
        });
        return seed;
    }
}
