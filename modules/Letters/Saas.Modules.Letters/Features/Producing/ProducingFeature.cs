namespace Saas.Modules.Letters.Features.Producing;

/// <summary>Producing letters: the contract, its use cases and the API (docs/adr/0012).</summary>
internal static class ProducingFeature
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<ProduceLetter>();
        services.AddScoped<ListLetters>();
        services.AddScoped<ILetters, Letters>();
    }

    public static void Map(IEndpointRouteBuilder endpoints) => LettersEndpoints.Map(endpoints);
}
