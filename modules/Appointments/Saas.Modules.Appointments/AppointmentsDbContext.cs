using Microsoft.EntityFrameworkCore;
using Saas.Platform.Data;

namespace Saas.Modules.Appointments;

/// <summary>
/// Appointments' tables (schema <c>appointments</c>). Each feature declares its entities and their configuration in
/// its folder (docs/adr/0012).
/// </summary>
internal sealed class AppointmentsDbContext(DbContextOptions<AppointmentsDbContext> options) : TenantDbContext(options)
{
    public DbSet<Features.Booking.BookingRecord> Bookings => Set<Features.Booking.BookingRecord>();

    public DbSet<Features.Booking.SlotSeat> SlotSeats => Set<Features.Booking.SlotSeat>();

    public DbSet<Features.Waitlist.WaitlistRecord> Waitlist => Set<Features.Waitlist.WaitlistRecord>();

    public DbSet<Features.CallSystem.TicketRecord> Tickets => Set<Features.CallSystem.TicketRecord>();

    public DbSet<Features.Reminders.ReminderRecord> Reminders => Set<Features.Reminders.ReminderRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppointmentsDbContext).Assembly);
        base.OnModelCreating(modelBuilder);
    }
}
