namespace Saas.Modules.Fees;

internal sealed partial class FeesDbContext
{
    public DbSet<Features.Payments.Payment> Payments => Set<Features.Payments.Payment>();

    public DbSet<Features.Payments.PaymentEvent> PaymentEvents => Set<Features.Payments.PaymentEvent>();
}
