using System.Globalization;
using Saas.Modules.Cases;
using Saas.Modules.Cases.Contracts;
using Saas.Platform.Tenancy;

namespace Saas.Cli.Commands;

/// <summary>
/// <c>saas search reindex [--tenant KEY]</c>: rebuilds the e-Akte's full-text index of every authority with the
/// cases module (or one) from the page table, through the configured search (<c>Cases__Search__Provider</c>).
/// Each authority is read in its own scope as the application role, like a background job.
/// </summary>
internal static class SearchCommands
{
    public static Command Create()
    {
        var search = new Command("search", "The e-Akte's full-text index");
        var tenant = new Option<string>("--tenant") { Description = "Only this authority (its key); default: every authority with the cases module" };
        var reindex = new Command("reindex", "Drops and rebuilds each authority's search index from the extracted page texts; exits 1 if page counts disagree") { tenant };
        reindex.SetAction(async (parse, ct) =>
        {
            await using var services = CliServices.Build();
            var catalog = services.GetRequiredService<ITenantCatalog>();
            var current = services.GetRequiredService<ICurrentTenant>();
            List<TenantInfo> tenants;
            if (parse.GetValue(tenant) is { } key)
            {
                var one = await catalog.FindByKeyAsync(key, ct);
                if (one is null || !one.EnabledModules.Contains(CasesModule.ModuleName))
                {
                    Console.Error.WriteLine($"{key}: no such authority, or the cases module is not enabled for it");
                    return 1;
                }

                tenants = [one];
            }
            else
            {
                tenants = (await catalog.ListAsync(ct)).Where(t => t.EnabledModules.Contains(CasesModule.ModuleName)).ToList();
            }

            var failed = 0;
            string? provider = null;
            foreach (var authority in tenants)
            {
                using (current.Begin(authority))
                {
                    await using var scope = services.CreateAsyncScope();
                    var result = await scope.ServiceProvider.GetRequiredService<ISearchIndexRebuilder>().RebuildAsync(ct);
                    provider = result.Provider;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{authority.Key}: {result.Documents} documents, {result.Pages} pages, {result.Elapsed.TotalSeconds:0.0} s"));
                    if (result.Mismatched > 0)
                    {
                        Console.Error.WriteLine($"{authority.Key}: {result.Mismatched} documents have another number of pages than their text extraction reported; extract their text again");
                        failed++;
                    }
                }
            }

            if (provider == "postgres")
            {
                Console.WriteLine("Cases:Search:Provider is postgres: the page table is the index, nothing needed rebuilding.");
            }

            Console.WriteLine($"{tenants.Count} authorities");
            return failed == 0 ? 0 : 1;
        });
        search.Subcommands.Add(reindex);
        return search;
    }
}
