using Microsoft.Extensions.Configuration;
using Saas.Modules.Appointments.Features.Definitions;
using Saas.Platform.Data;
using Saas.Platform.Modules;

namespace Saas.Modules.Appointments;

/// <summary>
/// Appointments (issue 15; docs/adr/0028), modelled after ZMS: an <c>appointment-type</c> document is ZMS' request ×
/// availability for one location (scope) and service — duration, parallel capacity, buffer, notice, horizon,
/// cancellation cut-off and reserved contingents; opening hours and holidays come from Organization's contracts.
/// Bookings live in <c>appointments.bookings</c>; a booked seat of a slot in <c>appointments.slot_seats</c>, whose
/// unique key makes a double booking impossible in the database.
/// </summary>
public sealed class AppointmentsModule : IModule
{
    public const string ModuleName = "appointments";

    public string Name => ModuleName;

    public IReadOnlyList<AdminLink> StaffLinks { get; } =
    [
        new("/Workbench/Termine/Index", new LocalizedText("appointments.staff.title")),
        new("/Workbench/Aufruf/Index", new LocalizedText("appointments.counter.title")),
    ];

    public IReadOnlyList<SqlMigration> Migrations { get; } = SqlMigration.FromEmbeddedResources(typeof(AppointmentsModule).Assembly, ModuleName);

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddTenantDbContext<AppointmentsDbContext>();
        services.AddOptions<AppointmentsOptions>().Bind(configuration.GetSection(AppointmentsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        DefinitionsFeature.AddServices(services);
        Features.Availability.AvailabilityFeature.AddServices(services);
        Features.Booking.BookingFeature.AddServices(services);
        Features.Schedule.ScheduleFeature.AddServices(services);
        Features.Waitlist.WaitlistFeature.AddServices(services);
        Features.CallSystem.CallSystemFeature.AddServices(services);
        Features.Reminders.RemindersFeature.AddServices(services);
        Features.Video.VideoFeature.AddServices(services);
        services.AddHostedService<AppointmentsListener>();
        services.AddScoped<IModuleSamples, Features.Samples.AppointmentsSamples>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        Features.Availability.AvailabilityFeature.Map(endpoints);
        Features.Booking.BookingFeature.Map(endpoints);
        Features.Schedule.ScheduleFeature.Map(endpoints);
        Features.Waitlist.WaitlistFeature.Map(endpoints);
        Features.CallSystem.CallSystemFeature.Map(endpoints);
        Features.Reminders.RemindersFeature.Map(endpoints);
        Features.Video.VideoFeature.Map(endpoints);
    }

    public void RegisterMetadataKinds(IMetadataKindRegistry kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        kinds.Add(AppointmentTypeKind.Create());
        kinds.Add(Features.CallSystem.CallSystemKind.Create());
        kinds.Add(Features.Reminders.ExpiryReminderKind.Create());
    }
}
