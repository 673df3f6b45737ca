namespace Saas.Modules.Cases.Features.CaseFiles;

/// <summary>Files and person search: opening, reading, correcting and merging files (docs/adr/0012, issue 9).</summary>
internal static class CaseFilesFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton(_ => NationalityList.Embedded());
        services.AddScoped<PersonRules>();
        services.AddScoped<CreateCaseFile>();
        services.AddScoped<ReadCaseFile>();
        services.AddScoped<ChangePersonData>();
        services.AddScoped<MergeCaseFiles>();
        services.AddScoped<ChooseMergeTarget>();
        services.AddScoped<ListMyWork>();
        services.AddScoped<PrefillFromInboxItem>();
        services.AddScoped<PersonSearch.SearchPersons>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        CaseFileEndpoints.Map(endpoints);
        PersonSearch.PersonSearchEndpoints.Map(endpoints);
    }
}
