using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;
using Saas.Modules.Fees.Features.Payments;

namespace Saas.Modules.Fees.Tests.Features.Payments;

/// <summary>
/// Two authorities on a host whose XBezahldienste adapter talks over real HTTP (Kestrel on a free port) to the local
/// provider, the same code the host maps under <c>/_local-pay/</c>. Tests reach into the provider's store to play a
/// misbehaving provider (forgetting a transaction, changing an amount, a status going back, an unknown field).
/// </summary>
public sealed class PaymentsFixture : TwoTenantsFixture
{
    private WebApplication? provider;

    internal LocalPaymentStore Store => provider!.Services.GetRequiredService<LocalPaymentStore>();

    public Uri ProviderAddress { get; private set; } = null!;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Fees:Payments:BaseUrl"] = new Uri(ProviderAddress, "/_local-pay/").ToString(),
        ["Fees:Payments:TimeoutSeconds"] = "10",
        // The own host reads its people from a folder of its own; the federal schedule stays the repository's.
        ["Fees:TenantsPath"] = Path.Combine(SaasAppFactory.RepositoryRoot, "tenants"),
    };

    public override async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<LocalPaymentStore>();
        builder.Services.AddSingleton(TimeProvider.System);
        provider = builder.Build();
        LocalPaymentProvider.Map(provider);
        await provider.StartAsync();
        ProviderAddress = new Uri(provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (provider is not null)
        {
            await provider.DisposeAsync();
        }
    }
}
