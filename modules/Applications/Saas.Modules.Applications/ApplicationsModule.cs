using Microsoft.Extensions.Configuration;
using Saas.Platform.Data;
using Saas.Modules.Applications.Features.Definitions;

namespace Saas.Modules.Applications;

/// <summary>
/// Online applications (issue 14; docs/adr/0032): forms as metadata (the kind <c>form</c>: steps, groups, repeating
/// groups, fields, code lists, conditions and computed values in the kernel's expression language, validation,
/// evidence per situation, labels per language, FIM provenance), the import of FIM XDatenfelder 2 and 3 schemas into
/// such a definition, and the server-side validation of a submission against it. Rendering, the portal, stored
/// Forms on the portal (docs/adr/0035): a published form is filled in step by step without JavaScript as a draft
/// (<c>applications.drafts</c>, reached by its link's token) and submitted once per Idempotency-Key
/// (<c>applications.submissions</c>, whose unique key makes a repeated submit return the first receipt). FIT-Connect,
/// evidence filing into the e-Akte and starting the process come later.
/// </summary>
public sealed class ApplicationsModule : IModule
{
    public const string ModuleName = "applications";

    public string Name => ModuleName;

    public IReadOnlyList<SqlMigration> Migrations { get; } = SqlMigration.FromEmbeddedResources(typeof(ApplicationsModule).Assembly, ModuleName);

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddTenantDbContext<ApplicationsDbContext>();
        services.AddOptions<ApplicationsOptions>().Bind(configuration.GetSection(ApplicationsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        Features.Portal.PortalFeature.AddServices(services);
        Features.Accounts.AccountsFeature.AddServices(services);
        Features.Mailbox.MailboxFeature.AddServices(services);
        services.AddScoped<IModuleSamples, Features.Samples.ApplicationsSamples>();
        services.AddSingleton<Contracts.IFimFormImport, Features.FimImport.FimFormImport>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        Features.Portal.PortalFeature.Map(endpoints);
        Features.Accounts.AccountsFeature.Map(endpoints);
        Features.Mailbox.MailboxFeature.Map(endpoints);
    }

    /// <summary>The caseworkers' online intake with the mailbox (docs/adr/0042, 0044), on the staff start page.</summary>
    public IReadOnlyList<AdminLink> StaffLinks { get; } = [new("/Workbench/Online", LocalizedText.Of("applications.workbench.link"))];

    /// <summary>"Meine Anträge" in the public header, for applicants (docs/adr/0043).</summary>
    public IReadOnlyList<AdminLink> ApplicantLinks { get; } = [new("/Portal/Mine", LocalizedText.Of("applications.mine.link"))];

    public void RegisterMetadataKinds(IMetadataKindRegistry kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        kinds.Add(FormKind.Create());
    }
}
