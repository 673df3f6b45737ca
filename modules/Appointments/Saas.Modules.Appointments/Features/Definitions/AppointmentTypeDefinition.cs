using static Saas.Modules.Appointments.SpecValues;

namespace Saas.Modules.Appointments.Features.Definitions;

/// <summary>
/// A published or validated <c>appointment-type</c> document read into values (docs/adr/0028). Contingents are shares
/// of the parallel capacity; each reserves whole seats of every slot, rounded down, so a share never takes more than it says.
/// </summary>
internal sealed record AppointmentTypeDefinition(
    string Key,
    string Name,
    string? NameEn,
    string Location,
    string Service,
    int DurationMinutes,
    int Capacity,
    int BufferMinutes,
    int MinimumNoticeHours,
    int HorizonDays,
    int CancellationCutoffHours,
    int HoldMinutes,
    double RemindersShare,
    double FrontOfficeShare,
    double UrgentShare)
{
    public const int DefaultHoldMinutes = 10;

    /// <summary>Days the type is closed (ZMS' closures: staff absences, a training day), each from–to inclusive.</summary>
    public IReadOnlyList<Closure> Closures { get; init; } = [];

    /// <summary>Set for a video appointment type (digital office hours, docs/adr/0039): met in the browser, not at the location.</summary>
    public VideoSettings? Video { get; init; }

    /// <summary>Whether a closure covers <paramref name="day"/>.</summary>
    public bool IsClosed(DateOnly day) => Closures.Any(c => c.From <= day && day <= c.To);

    public int RemindersSeats => Seats(RemindersShare);

    public int FrontOfficeSeats => Seats(FrontOfficeShare);

    public int UrgentSeats => Seats(UrgentShare);

    public int ReservedSeats => RemindersSeats + FrontOfficeSeats + UrgentSeats;

    /// <summary>Seats of a slot applicants may book online.</summary>
    public int OnlineSeats => Math.Max(0, Capacity - ReservedSeats);

    private int Seats(double share) => (int)Math.Floor(share * Capacity + 1e-9);

    public static AppointmentTypeDefinition Read(string key, JsonNode spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new AppointmentTypeDefinition(
            key,
            Text(spec["name"]) ?? "",
            Text(spec["nameEn"]),
            Text(spec["location"]) ?? "",
            Text(spec["service"]) ?? "",
            Number(spec["durationMinutes"], 0),
            Number(spec["capacity"], 0),
            Number(spec["bufferMinutes"], 0),
            Number(spec["minimumNoticeHours"], 0),
            Number(spec["horizonDays"], 0),
            Number(spec["cancellationCutoffHours"], 0),
            Number(spec["holdMinutes"], DefaultHoldMinutes),
            Share(spec["contingents"]?["reminders"]),
            Share(spec["contingents"]?["frontOffice"]),
            Share(spec["contingents"]?["urgent"]))
        {
            Closures = spec["closures"] is JsonArray closures
                ? [.. closures.Select(c => (From: Date(c?["from"]), To: Date(c?["to"]))).Where(c => c.From is not null && c.To is not null).Select(c => new Closure(c.From!.Value, c.To!.Value))]
                : [],
            Video = spec["video"] is JsonObject video
                ? new VideoSettings(Text(video["documentType"]) ?? "", Number(video["opensMinutesBefore"], VideoSettings.DefaultOpensMinutesBefore), Number(video["closesMinutesAfter"], VideoSettings.DefaultClosesMinutesAfter))
                : null,
        };
    }
}

/// <summary>A closure of an appointment type, both days included.</summary>
internal sealed record Closure(DateOnly From, DateOnly To);

/// <summary>
/// What makes an appointment type a video one: the document type an upload during the call is filed as, and how long
/// before the start the room opens and after the end it stays open.
/// </summary>
internal sealed record VideoSettings(string DocumentType, int OpensMinutesBefore, int ClosesMinutesAfter)
{
    public const int DefaultOpensMinutesBefore = 10;

    public const int DefaultClosesMinutesAfter = 15;
}
