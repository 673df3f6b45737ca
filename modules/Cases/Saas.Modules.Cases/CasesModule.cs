using Saas.Modules.Cases.Contracts;
using Saas.Modules.Cases.Features.Documents;
using Saas.Modules.Cases.Features.PersonSearch;
using Saas.Platform.Modules;

namespace Saas.Modules.Cases;

/// <summary>
/// The e-Akte: a file per person per authority, its documents (immutable versions in the blob store) and
/// person search that tolerates transliteration and typos. Every read of a file or document is audited.
/// </summary>
public sealed class CasesModule : IModule
{
    public const string ModuleName = "cases";

    public string Name => ModuleName;

    public IReadOnlyList<AdminLink> StaffLinks { get; } =
    [
        new("/Workbench/Index", new LocalizedText("cases.saas.modules.cases.e-file-my-work")),
    ];

    public IReadOnlyList<SqlMigration> Migrations { get; } = SqlMigration.FromEmbeddedResources(typeof(CasesModule).Assembly, ModuleName);

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<CasesDbContext>();
        services.AddScoped<ICaseFileDirectory, CaseFileDirectory>();
        services.AddScoped<ICaseFiles, Features.CaseFiles.CaseFiles>();
        Features.Text.TextFeature.AddServices(services);
        Features.Ingest.IngestFeature.AddServices(services);
        services.AddHttpContextAccessor();
        Features.Inbox.InboxFeature.AddServices(services);
        DocumentsFeature.AddServices(services);
        Features.CaseFiles.CasesFeature.AddServices(services);
        Features.CaseFiles.CaseFilesFeature.AddServices(services);
        Features.LegacyDigitisation.LegacyDigitisationFeature.AddServices(services);
        Features.Blobs.BlobsFeature.AddServices(services);
        Features.Retention.RetentionFeature.AddServices(services);
        Features.Transfer.TransferFeature.AddServices(services);
        Features.ResidenceDocuments.ResidenceDocumentsFeature.AddServices(services);
        // Bound now as well, because the search provider decides which services exist; a bad setting stops the start.
        var options = configuration.GetSection(CasesOptions.Section).Get<CasesOptions>() ?? new CasesOptions();
        if (options.Problems().FirstOrDefault() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        services.AddOptions<CasesOptions>().Bind(configuration.GetSection(CasesOptions.Section))
            .Validate(o => !o.Problems().Any(), "Cases settings are invalid").ValidateOnStart();
        var provider = options.Search.Provider;
        switch (provider)
        {
            case "postgres":
                services.AddScoped<Features.Search.IDocumentSearch, Features.Search.PostgresDocumentSearch>();
                break;
            case "elasticsearch":
                // Read now: a missing or wrong setting stops the start with a message naming the key.
                var elasticsearch = Features.Search.ElasticsearchSettings.From(options.Search.Elasticsearch);
                services.AddSingleton(elasticsearch);
                // One official client for the host: it is thread-safe, keeps its connections and its product check.
                services.AddSingleton(_ => elasticsearch.CreateClient());
                services.AddScoped<Features.Search.IDocumentSearch, Features.Search.ElasticsearchDocumentSearch>();
                break;
            default:
                throw new InvalidOperationException($"Cases:Search:Provider '{provider}' is unknown; use 'postgres' or 'elasticsearch'.");
        }

        services.AddScoped<ISearchIndexRebuilder, Features.Search.SearchIndexRebuilder>();
        Features.Search.SearchFeature.AddServices(services);
        services.AddScoped<IModuleSamples, Features.Samples.CasesSamples>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        Features.CaseFiles.CaseFilesFeature.Map(endpoints);
        DocumentsFeature.Map(endpoints);
        Features.Search.SearchFeature.Map(endpoints);
        Features.Text.TextFeature.Map(endpoints);
        Features.Ingest.IngestFeature.Map(endpoints);
        Features.Inbox.InboxFeature.Map(endpoints);
        Features.Blobs.BlobsFeature.Map(endpoints);
        Features.Retention.RetentionFeature.Map(endpoints);
        Features.CaseFiles.CasesFeature.Map(endpoints);
        Features.LegacyDigitisation.LegacyDigitisationFeature.Map(endpoints);
        Features.Transfer.TransferFeature.Map(endpoints);
        Features.ResidenceDocuments.ResidenceDocumentsFeature.Map(endpoints);
    }

    public void RegisterMetadataKinds(IMetadataKindRegistry kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        kinds.Add(Features.Retention.RetentionRuleKind.Create());
        kinds.Add(Features.Retention.DocumentTypeKind.Create());
        kinds.Add(Features.CaseFiles.FileNumbering.Create());
    }
}
