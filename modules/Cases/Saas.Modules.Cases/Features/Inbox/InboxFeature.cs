namespace Saas.Modules.Cases.Features.Inbox;

/// <summary>The inbox feature's services and endpoints; the module calls these two lines (docs/adr/0012).</summary>
internal static class InboxFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<AssignmentSuggester>();
        services.AddScoped<MailIngest>();
        services.AddScoped<ListInbox>();
        services.AddScoped<ReadInboxItem>();
        services.AddScoped<OpenInboxContent>();
        services.AddScoped<AssignInboxItem>();
        services.AddScoped<DiscardInboxItem>();
        services.AddScoped<SplitInboxItem>();
        services.AddScoped<UndoInboxFiling>();
        services.AddScoped<UndoInboxDiscard>();
        services.AddScoped<FindFilesForInboxItem>();
        services.AddScoped<RefreshInboxSuggestions>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => InboxEndpoints.Map(endpoints);
}
