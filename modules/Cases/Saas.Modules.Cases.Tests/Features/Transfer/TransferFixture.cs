using System.Globalization;
using Saas.Host;

namespace Saas.Modules.Cases.Tests.Features.Transfer;

/// <summary>
/// Fresh authorities A and B with caseworkers, C (cases, nobody signs in there) and one without the cases
/// module. Package limits are small so that zip bombs and entry floods are cheap to build.
/// </summary>
public sealed class TransferFixture : TwoTenantsFixture
{
    public const long MaxBytes = 8L * 1024 * 1024;

    public const int MaxEntries = 50;

    public TenantInfo C { get; private set; } = null!;

    public TenantInfo WithoutCases { get; private set; } = null!;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Cases:Transfer:MaxBytes"] = MaxBytes.ToString(CultureInfo.InvariantCulture),
        ["Cases:Transfer:MaxEntries"] = MaxEntries.ToString(CultureInfo.InvariantCulture),
    };

    protected override async Task PrepareAuthoritiesAsync()
    {
        C = await TestTenants.CreateAsync(App.Database);
        WithoutCases = await TestTenants.CreateAsync(App.Database, HostModules.All.Select(m => m.Name).Where(m => m != CasesModule.ModuleName));
    }
}
