using Saas.Modules.Applications;
using Saas.Modules.Applications.Contracts;
using Saas.Platform.Metadata;
using Saas.Platform.Tenancy;
using Saas.Platform.Texts;

namespace Saas.Cli.Commands;

/// <summary>
/// <c>saas forms import TENANT FILE.xml [--key KEY]</c>: reads a FIM XDatenfelder 2 or 3 schema (genericode code lists
/// from the files beside it) into a <c>form</c> document and saves it as a draft of the authority, which the admin
/// reviews and publishes in the studio (docs/adr/0032). A file that cannot be mapped is refused with its errors by
/// file, line and column and nothing is saved; a draft keeps the findings the admin must resolve (missing code lists).
/// </summary>
internal static class FormsCommands
{
    public static Command Create()
    {
        var forms = new Command("forms", "Online application forms");
        var tenant = new Argument<string>("tenant") { Description = "The authority's key" };
        var file = new Argument<string>("file") { Description = "The FIM schema (XDatenfelder 2 or 3.0.0)" };
        var key = new Option<string>("--key") { Description = "The form's key (default: from the file name, fim-…)" };
        var import = new Command("import", "Imports a FIM schema as a draft form; exits 1 if it cannot be read") { tenant, file, key };
        import.SetAction(async (parse, ct) =>
        {
            await using var services = CliServices.Build();
            var authority = await services.GetRequiredService<ITenantCatalog>().FindByKeyAsync(parse.GetValue(tenant)!, ct);
            if (authority is null || !authority.EnabledModules.Contains(ApplicationsModule.ModuleName))
            {
                Console.Error.WriteLine($"{parse.GetValue(tenant)}: no such authority, or the applications module is not enabled for it");
                return 1;
            }

            var outcome = services.GetRequiredService<IFimFormImport>().Import(parse.GetValue(file)!, parse.GetValue(key));
            if (!outcome.Succeeded)
            {
                foreach (var error in outcome.Errors)
                {
                    Console.Error.WriteLine($"{error.File}:{error.Line}:{error.Column}: {TextCatalog.Shared.Format(error.Message)}");
                }

                return 1;
            }

            using (services.GetRequiredService<ICurrentTenant>().Begin(authority))
            {
                await using var scope = services.CreateAsyncScope();
                var drafts = scope.ServiceProvider.GetRequiredService<IMetadataDrafts>();
                var existing = await drafts.GetAsync("form", outcome.Key, ct);
                var draft = await drafts.SaveAsync(outcome.Yaml!, existing?.Draft?.Document.Version ?? existing?.Published?.Version, "cli:forms-import", ct);
                Console.WriteLine($"{authority.Key}: form/{outcome.Key} saved as draft version {draft.Document.Version}");
                foreach (var finding in draft.Errors)
                {
                    Console.WriteLine($"  {finding}");
                }
            }

            return 0;
        });
        forms.Subcommands.Add(import);
        return forms;
    }
}
