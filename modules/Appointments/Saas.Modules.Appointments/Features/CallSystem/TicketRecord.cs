using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Saas.Platform.Data;

namespace Saas.Modules.Appointments.Features.CallSystem;

/// <summary>
/// A ticket of the call system (docs/adr/0037): a person who checked in at a location, for one service, with or without
/// a booking; its number is the service's letter and the location's running number of the day (A017). Waiting and
/// service times are the differences of its instants.
/// </summary>
internal sealed class TicketRecord : ITenantOwned
{
    public const string Waiting = "waiting";
    public const string Called = "called";
    public const string Parked = "parked";
    public const string Done = "done";
    public const string NoShow = "no-show";

    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid TenantId { get; set; }

    public string Location { get; set; } = "";

    public DateOnly Day { get; set; }

    public int Seq { get; set; }

    public string Number { get; set; } = "";

    public string Service { get; set; } = "";

    public string Zone { get; set; } = "";

    public Guid? BookingId { get; set; }

    /// <summary>The booked appointment's start, for "appointments on time first".</summary>
    public DateTimeOffset? AppointmentAt { get; set; }

    public string Status { get; set; } = Waiting;

    /// <summary>The counter that called the ticket (and serves it while called).</summary>
    public string? Counter { get; set; }

    /// <summary>A ticket transferred to one counter waits for that counter only.</summary>
    public string? WantedCounter { get; set; }

    public int Calls { get; set; }

    public DateTimeOffset ArrivedAt { get; set; }

    public DateTimeOffset? CalledAt { get; set; }

    public DateTimeOffset? FirstCalledAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int Version { get; set; }
}

internal sealed class TicketRecordConfiguration : IEntityTypeConfiguration<TicketRecord>
{
    public void Configure(EntityTypeBuilder<TicketRecord> builder)
    {
        builder.ToTable("tickets", "appointments");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasColumnName("id");
        builder.Property(t => t.TenantId).HasColumnName("tenant_id");
        builder.Property(t => t.Location).HasColumnName("location");
        builder.Property(t => t.Day).HasColumnName("day");
        builder.Property(t => t.Seq).HasColumnName("seq");
        builder.Property(t => t.Number).HasColumnName("number");
        builder.Property(t => t.Service).HasColumnName("service");
        builder.Property(t => t.Zone).HasColumnName("zone");
        builder.Property(t => t.BookingId).HasColumnName("booking_id");
        builder.Property(t => t.AppointmentAt).HasColumnName("appointment_at");
        builder.Property(t => t.Status).HasColumnName("status");
        builder.Property(t => t.Counter).HasColumnName("counter");
        builder.Property(t => t.WantedCounter).HasColumnName("wanted_counter");
        builder.Property(t => t.Calls).HasColumnName("calls");
        builder.Property(t => t.ArrivedAt).HasColumnName("arrived_at");
        builder.Property(t => t.CalledAt).HasColumnName("called_at");
        builder.Property(t => t.FirstCalledAt).HasColumnName("first_called_at");
        builder.Property(t => t.FinishedAt).HasColumnName("finished_at");
        // Two counters acting on one ticket at once: the second write finds another version and gets a conflict.
        builder.Property(t => t.Version).HasColumnName("version").IsConcurrencyToken();
    }
}
