using System.Security.Cryptography;
using System.Text;
using Saas.Platform.Tenancy;

namespace Saas.Modules.Fees.Features.Payments;

/// <summary>
/// The current authority's provider account (options <c>Fees:Payments</c>, <c>Authorities:&lt;key&gt;</c> where it
/// differs) and the address the payer returns to. Without a base URL, the local provider of this host.
/// </summary>
internal sealed class PaymentAccounts(IOptions<FeesOptions> options, ICurrentTenant tenant)
{
    public TenantInfo Tenant => tenant.Tenant ?? throw new InvalidOperationException("Payments are made in an authority.");

    public PaymentAccount Current()
    {
        var o = options.Value.Payments;
        var own = o.Authorities.GetValueOrDefault(Tenant.Key);
        var baseUrl = own?.BaseUrl ?? o.BaseUrl ?? PublicBase + PaymentsOptions.LocalPrefix + "/";
        return new PaymentAccount(new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"), own?.OriginatorId ?? o.OriginatorId,
            own?.EndPointId ?? o.EndPointId ?? Tenant.Key, own?.BearerToken ?? o.BearerToken);
    }

    public PaymentAccount For(Payment payment)
    {
        var current = Current();
        return current with { OriginatorId = payment.OriginatorId, EndPointId = payment.EndPointId };
    }

    private string PublicBase => (options.Value.Payments.PublicBaseUrl ?? "http://localhost").TrimEnd('/');

    /// <summary>Where the provider sends the payer back: it only makes this host poll (docs/adr/0030).</summary>
    public Uri ReturnUrl(Guid paymentId) => new($"{PublicBase}/t/{Tenant.Key}/api/fees/payments/{paymentId}/return");

    /// <summary>The payment's id follows from its request id, so two racing starts of one attempt name the same payment.</summary>
    public Guid PaymentId(string requestId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Tenant.Id.ToString("N") + "/" + requestId));
        return new Guid(hash.AsSpan(0, 16));
    }
}
