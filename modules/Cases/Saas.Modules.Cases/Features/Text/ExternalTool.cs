using System.Diagnostics;

namespace Saas.Modules.Cases.Features.Text;

/// <summary>The outcome of a command-line tool run.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Errors);

/// <summary>
/// What one run of a tool may take: wall-clock time (then the process tree is killed), processor time and address
/// space (set by <c>prlimit</c> on the tool's own process, so the kernel stops it: <c>Cases:Tools:MaxMemoryMegabytes</c>).
/// </summary>
internal sealed record ToolLimits(TimeSpan Timeout, long MaxMemoryBytes)
{
    public static ToolLimits Of(CasesOptions settings, TimeSpan timeout) => new(timeout, settings.Tools.MaxMemoryMegabytes * 1024L * 1024);

    /// <summary>Processor seconds: the wall-clock limit, at least one second.</summary>
    public long CpuSeconds => Math.Max(1, (long)Math.Ceiling(Timeout.TotalSeconds));
}

/// <summary>A tool stopped by its limits (memory, processor time, wall-clock time), with a reason a person can read.</summary>
internal sealed class ToolLimitException(string message) : InvalidOperationException(message);

/// <summary>
/// Runs the e-Akte's document tools (pdftotext, pdftoppm, tesseract, zbarimg) as processes with a time limit,
/// arguments passed as a list (never through a shell), the whole process tree killed on timeout or cancel. Each tool
/// starts under <c>prlimit</c> (util-linux) with an address-space and a processor-time limit, which prlimit sets on
/// itself before it becomes the tool (exec): an image that would decode to gigabytes stops the tool, not the host.
/// </summary>
internal static class ExternalTool
{
    // Exit codes of a process ended by a signal (128 + signal): SIGABRT (a failed allocation in C++ tools),
    // SIGKILL, SIGSEGV (a failed allocation used anyway), SIGXCPU (the processor-time limit).
    private static readonly HashSet<int> StoppedBySignal = [128 + 6, 128 + 9, 128 + 11, 128 + 24];

    public static async Task<ToolResult> RunAsync(string program, IEnumerable<string> arguments, ToolLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var start = new ProcessStartInfo("prlimit")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(FormattableString.Invariant($"--as={limits.MaxMemoryBytes}"));
        start.ArgumentList.Add(FormattableString.Invariant($"--cpu={limits.CpuSeconds}"));
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Tesseract would otherwise start a thread per core for every page; the host runs several jobs at once.
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("prlimit is not installed (Debian package util-linux); the document tools run only under limits.", ex);
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(limits.Timeout);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            ToolResult result;
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                result = new ToolResult(process.ExitCode, await output, await errors);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (ct.IsCancellationRequested)
                {
                    throw;
                }

                throw new ToolLimitException($"{program} took longer than {limits.Timeout.TotalSeconds:0} s and was stopped.");
            }

            // prlimit itself exits with 127 when the tool cannot be found, before any limit applies.
            if (result.ExitCode == 127 && result.Errors.Contains("failed to execute", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{program} is not installed (scripts/tools.sh installs it).");
            }

            if (StoppedBySignal.Contains(result.ExitCode) || OutOfMemory(result.Errors))
            {
                throw new ToolLimitException(string.Create(CultureInfo.InvariantCulture,
                    $"{program} was stopped at its limits ({limits.MaxMemoryBytes / 1024 / 1024} MB memory, {limits.CpuSeconds} s processor time; exit code {result.ExitCode}): {FirstLine(result.Errors)}"));
            }

            return result;
        }
    }

    private static bool OutOfMemory(string errors) =>
        errors.Contains("bad_alloc", StringComparison.Ordinal) || errors.Contains("Out of memory", StringComparison.OrdinalIgnoreCase)
        || errors.Contains("Cannot allocate memory", StringComparison.OrdinalIgnoreCase)
        || errors.Contains("malloc fail", StringComparison.Ordinal); // leptonica (tesseract's image library)

    private static string FirstLine(string text) => text.Trim().Split('\n').FirstOrDefault()?.Trim() ?? "";
}
