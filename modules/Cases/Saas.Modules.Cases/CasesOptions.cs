namespace Saas.Modules.Cases;

/// <summary>
/// The e-Akte's settings, section <c>Cases</c> (environment variables with <c>__</c>: <c>Cases__MaxUploadBytes</c>).
/// Bound once and checked at start-up (docs/adr/0012); features take <c>IOptions&lt;CasesOptions&gt;</c>.
/// </summary>
internal sealed class CasesOptions
{
    public const string Section = "Cases";

    /// <summary>Largest document a caseworker can upload (bytes).</summary>
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    public int MaxUploadPages { get; set; } = 2000;

    /// <summary>Files in one upload (all or none are added).</summary>
    public int MaxUploadFiles { get; set; } = 50;

    public TextOptions Text { get; set; } = new();

    public IngestOptionsSection Ingest { get; set; } = new();

    public MailOptions Mail { get; set; } = new();

    public BlobOptions Blobs { get; set; } = new();

    public LegacyOptions Legacy { get; set; } = new();

    public TransferOptions Transfer { get; set; } = new();

    public SearchOptions Search { get; set; } = new();

    /// <summary>Size limits of images and rendered PDF pages, checked from their headers before anything is stored (section <c>Cases:Images</c>).</summary>
    public ImageOptions Images { get; set; } = new();

    /// <summary>Memory each run of a document tool may use (section <c>Cases:Tools</c>).</summary>
    public ToolOptions Tools { get; set; } = new();

    /// <summary>Refuses settings that cannot work, naming the key, so that the host does not start with them.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxUploadBytes <= 0 || MaxUploadPages <= 0 || MaxUploadFiles <= 0)
        {
            yield return "Cases:MaxUploadBytes, MaxUploadPages and MaxUploadFiles must be positive.";
        }

        if (Text.ToolTimeoutSeconds <= 0 || Ingest.ToolTimeoutSeconds <= 0)
        {
            yield return "Cases:Text:ToolTimeoutSeconds and Cases:Ingest:ToolTimeoutSeconds must be positive.";
        }

        if (Images.MaxPixels <= 0 || Images.MaxDecodedBytes <= 0 || Tools.MaxMemoryMegabytes < 64)
        {
            yield return "Cases:Images:MaxPixels and Cases:Images:MaxDecodedBytes must be positive, Cases:Tools:MaxMemoryMegabytes at least 64.";
        }

        if (Search.Provider is not ("postgres" or "elasticsearch"))
        {
            yield return $"Cases:Search:Provider '{Search.Provider}' is unknown; use 'postgres' or 'elasticsearch'.";
        }
    }

    internal sealed class TextOptions
    {
        public int ToolTimeoutSeconds { get; set; } = 120;

        public int MaxOcrPages { get; set; } = 300;
    }

    /// <summary>Scan batches (section <c>Cases:Ingest</c>).</summary>
    internal sealed class IngestOptionsSection
    {
        public long MaxBatchBytes { get; set; } = 1024L * 1024 * 1024;

        public int MaxEntries { get; set; } = 2000;

        public long MaxUnpackedBytes { get; set; } = 4L * 1024 * 1024 * 1024;

        public int MaxPages { get; set; } = 5000;

        public int ToolTimeoutSeconds { get; set; } = 300;
    }

    internal sealed class ImageOptions
    {
        /// <summary>Pixels of one image or TIFF page, and of one PDF page rendered at 300 dpi for OCR (100 million: A1 at 300 dpi, A3 at 600 dpi).</summary>
        public long MaxPixels { get; set; } = 100_000_000;

        /// <summary>Bytes one image or TIFF page takes decoded (width × height × bits per pixel).</summary>
        public long MaxDecodedBytes { get; set; } = 400L * 1024 * 1024;
    }

    internal sealed class ToolOptions
    {
        /// <summary>Address space of one tool run (pdftoppm, tesseract, …), set with prlimit; the processor time is the tool's time limit.</summary>
        public long MaxMemoryMegabytes { get; set; } = 1536;
    }

    internal sealed class MailOptions
    {
        public long MaxBytes { get; set; } = 50L * 1024 * 1024;
    }

    internal sealed class BlobOptions
    {
        public double OrphanGraceHours { get; set; } = 24;

        public double MaintenanceIntervalHours { get; set; } = 24;
    }

    /// <summary>Legacy digitisation: returned scan archives and the quality check.</summary>
    internal sealed class LegacyOptions
    {
        public int MaxEntries { get; set; } = 10_000;

        public long MaxBytes { get; set; } = 2L * 1024 * 1024 * 1024;

        public decimal QaSampleRate { get; set; } = 0.20m;

        public decimal QaMinimumRate { get; set; } = 0.05m;

        public int QaGoodBatches { get; set; } = 3;

        public decimal QaGoodDefectRate { get; set; } = 0.02m;

        /// <summary>Defaults to <see cref="QaMaxDefectRate"/>.</summary>
        public decimal? QaResetDefectRate { get; set; }

        public decimal QaMaxDefectRate { get; set; } = 0.05m;
    }

    internal sealed class TransferOptions
    {
        public int MaxEntries { get; set; } = 10_000;

        public long MaxBytes { get; set; } = 2L * 1024 * 1024 * 1024;
    }

    internal sealed class SearchOptions
    {
        /// <summary><c>postgres</c> (default) or <c>elasticsearch</c>.</summary>
        public string Provider { get; set; } = "postgres";

        public ElasticsearchOptions Elasticsearch { get; set; } = new();
    }

    /// <summary>Section <c>Cases:Search:Elasticsearch</c>; checked by <see cref="Features.Search.ElasticsearchSettings.From"/>.</summary>
    internal sealed class ElasticsearchOptions
    {
        public string? Url { get; set; }

        public string? ApiKey { get; set; }

        public string? Username { get; set; }

        public string? Password { get; set; }

        public string? IndexPrefix { get; set; }

        public int TimeoutSeconds { get; set; } = 30;
    }
}
