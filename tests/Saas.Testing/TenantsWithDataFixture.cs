using Microsoft.Extensions.DependencyInjection;
using Saas.Platform.Modules;
using Saas.Platform.Tenancy;

namespace Saas.Testing;

/// <summary>
/// Two fresh authorities with every module of the host switched on (<see cref="TestTenants"/> takes the host's
/// module list) and each module's sample records (<see cref="IModuleSamples"/>) in both, each authority's records
/// carrying a marker that must never show up in the other authority's answers. <see cref="ValuesA"/> and
/// <see cref="ValuesB"/> address the records in the modules' routes.
/// </summary>
public class TenantsWithDataFixture : TwoTenantsFixture
{
    public string MarkerA { get; } = "MARKERA" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public string MarkerB { get; } = "MARKERB" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    /// <summary>The location every authority's organisation samples publish (key <c>hauptstelle</c>).</summary>
    public const string LocationKey = "hauptstelle";

    public ModuleSampleValues ValuesA { get; private set; } = null!;

    public ModuleSampleValues ValuesB { get; private set; } = null!;

    /// <summary>The modules that made samples (the matrix requires one for every module of the host).</summary>
    public IReadOnlyList<string> ModulesWithSamples { get; private set; } = [];

    protected override async Task PrepareAuthoritiesAsync()
    {
        (ValuesA, ModulesWithSamples) = await CreateSamplesAsync(App, A, MarkerA);
        (ValuesB, _) = await CreateSamplesAsync(App, B, MarkerB);
    }

    /// <summary>Every module's samples in <paramref name="tenant"/>, each module in a scope of its own.</summary>
    public static async Task<(ModuleSampleValues Values, IReadOnlyList<string> Modules)> CreateSamplesAsync(SaasAppFactory app, TenantInfo tenant, string marker)
    {
        ArgumentNullException.ThrowIfNull(app);
        var values = new ModuleSampleValues();
        var modules = new List<string>();
        int count;
        using (var scope = app.Services.CreateScope())
        {
            count = scope.ServiceProvider.GetServices<IModuleSamples>().Count();
        }

        for (var i = 0; i < count; i++)
        {
            using var scope = app.Services.CreateScope();
            using var _ = scope.ServiceProvider.GetRequiredService<ICurrentTenant>().Begin(tenant);
            var samples = scope.ServiceProvider.GetServices<IModuleSamples>().ElementAt(i);
            values.AddRange(await samples.CreateAsync(marker));
            modules.Add(samples.Module);
        }

        return (values, modules);
    }
}
