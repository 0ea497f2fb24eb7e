using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Pacing;
using ConnectTools.Auth;
using ConnectTools.Client;
using ConnectTools.Enumeration;

namespace ConnectTools.Bench;

/// <summary>The machine's load and size, printed at the start and end of a run and before each row.</summary>
internal static class Machine
{
    internal static string Load()
    {
        string load;
        try
        {
            var f = File.ReadAllText("/proc/loadavg").Split(' ');
            load = $"load average {f[0]} {f[1]} {f[2]} (1, 5, 15 min), runnable/threads {f[3]}";
        }
        catch (IOException)
        {
            load = "load average unknown (no /proc/loadavg)";
        }

        return $"{load}; {Environment.ProcessorCount} cores";
    }

    /// <summary>Resets the kernel's peak RSS of this process (VmHWM), so a later read is the peak since now (Linux 4.0+).</summary>
    internal static bool ResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{Environment.ProcessId}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>VmHWM (peak resident set) of this process, in bytes; Process.PeakWorkingSet64 reads the same value.</summary>
    internal static long PeakRss()
    {
        using var p = Process.GetCurrentProcess();
        return p.PeakWorkingSet64;
    }

    internal static long Rss()
    {
        using var p = Process.GetCurrentProcess();
        return p.WorkingSet64;
    }
}

/// <summary>Median and spread of the runs of one figure.</summary>
internal readonly record struct Spread(double Median, double Min, double Max, double Q1, double Q3, int N)
{
    internal static Spread Of(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        if (v.Length == 0) return new Spread(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        return new Spread(Quantile(v, 0.5), v[0], v[^1], Quantile(v, 0.25), Quantile(v, 0.75), v.Length);
    }

    private static double Quantile(double[] sorted, double q)
    {
        double pos = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /// <summary>"1.23x (1.10..1.40, n=3)": the median, then min..max of the runs.</summary>
    internal string Show(string format, string unit = "") => N <= 1
        ? F(Median, format) + unit
        : $"{F(Median, format)}{unit} ({F(Min, format)}..{F(Max, format)}, n={N})";

    private static string F(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
}

/// <summary>The rows of the summary table: figure, goal, PASS or MISS.</summary>
internal static class Report
{
    internal sealed record Row(string Id, string What, string Figure, string Goal, bool Pass);

    internal static readonly List<Row> Rows = [];

    internal static void Line(string label, string value) => Console.WriteLine($"  {label,-56} {value}");

    internal static void Note(string text) => Console.WriteLine("  " + text);

    internal static void Add(string id, string what, string figure, string goal, bool pass)
    {
        Console.WriteLine($"  ROW {id}: {what}: {figure}; goal {goal} -> {(pass ? "PASS" : "MISS")}");
        lock (Rows) Rows.Add(new Row(id, what, figure, goal, pass));
    }

    internal static void Failed(string id, string what, string why)
    {
        Console.WriteLine($"  ROW {id}: {what}: FAILED to measure: {why}");
        lock (Rows) Rows.Add(new Row(id, what, "not measured: " + why, "-", false));
    }

    internal static void PrintTable()
    {
        int w = Math.Max(30, Rows.Count == 0 ? 0 : Rows.Max(r => r.What.Length));
        int f = Math.Max(20, Rows.Count == 0 ? 0 : Rows.Max(r => r.Figure.Length));
        int g = Math.Max(8, Rows.Count == 0 ? 0 : Rows.Max(r => r.Goal.Length));
        int i = Math.Max(3, Rows.Count == 0 ? 0 : Rows.Max(r => r.Id.Length));
        Console.WriteLine($"  {"Row".PadRight(i)}  {"What".PadRight(w)}  {"Figure".PadRight(f)}  {"Goal".PadRight(g)}  Result");
        foreach (var r in Rows)
            Console.WriteLine($"  {r.Id.PadRight(i)}  {r.What.PadRight(w)}  {r.Figure.PadRight(f)}  {r.Goal.PadRight(g)}  {(r.Pass ? "PASS" : "MISS")}");
        int missed = Rows.Count(r => !r.Pass);
        Console.WriteLine($"  {Rows.Count - missed} PASS, {missed} MISS.");
    }
}

/// <summary>Every child process the benchmark starts (emulators, pwsh, its own child mode), so Ctrl+C and exit stop them.</summary>
internal static class Children
{
    private static readonly List<Process> Live = [];

    internal static Process Start(ProcessStartInfo psi)
    {
        var p = Process.Start(psi) ?? throw new InvalidOperationException("Could not start " + psi.FileName);
        lock (Live) Live.Add(p);
        return p;
    }

    internal static void Stop(Process p)
    {
        try
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        lock (Live) Live.Remove(p);
        p.Dispose();
    }

    internal static void StopAll()
    {
        Process[] all;
        lock (Live) all = [.. Live];
        foreach (var p in all) Stop(p);
    }

    /// <summary>Runs a process to its end (bounded), returning exit code, stdout and stderr.</summary>
    internal static async Task<(int Code, string Out, string Err, TimeSpan Wall)> RunAsync(ProcessStartInfo psi, TimeSpan limit, CancellationToken ct)
    {
        psi.UseShellExecute = false;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = true;
        var watch = Stopwatch.StartNew();
        var p = Start(psi);
        try
        {
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync(ct);
            var stderr = p.StandardError.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(limit);
            try
            {
                await p.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"{Path.GetFileName(psi.FileName)} {string.Join(' ', psi.ArgumentList)} did not end within {limit.TotalSeconds:F0} s");
            }

            var wall = watch.Elapsed;
            return (p.ExitCode, await stdout, await stderr, wall);
        }
        finally
        {
            Stop(p);
        }
    }
}

/// <summary>Where things are: the repository, the built module, the emulator, the pinned pwsh.</summary>
internal static class Repo
{
    internal const string DemoAccessKey = "AKIDEMULATOR00000001";
    internal const string DemoSecretKey = "emulator-secret-key-do-not-use"; // the emulator's built-in DEMO value, not a secret

    internal static string Root { get; } = Metadata("RepoRoot") is { } r && Directory.Exists(r) ? r : FindRoot();

    internal static string ModuleVersion => Metadata("ModuleVersion") ?? "0.1.0";

    internal static string ModuleManifest => Path.Combine(Root, "out", "ConnectTools", ModuleVersion, "ConnectTools.psd1");

    internal static string EmulatorDll => Path.Combine(AppContext.BaseDirectory, "ConnectTools.Emulator.dll");

    private static string? Metadata(string key) =>
        typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "ConnectTools.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    /// <summary>The dotnet host running the benchmark (the same runtime for every child), else `dotnet` from PATH.</summary>
    internal static string Dotnet()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        string? current = Environment.ProcessPath;
        if (current != null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return current;
        return "dotnet";
    }

    /// <summary>The commit and any uncommitted change under src/, so a figure can be tied to the code it measured.</summary>
    internal static string SourceState()
    {
        string Git(string arguments)
        {
            try
            {
                var psi = new ProcessStartInfo("git", arguments) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
                using var p = Process.Start(psi)!;
                string output = p.StandardOutput.ReadToEnd();
                return p.WaitForExit(5000) ? output.Trim() : "";
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                return "";
            }
        }

        string commit = Git("rev-parse --short HEAD");
        if (commit.Length == 0) return "unknown (no git)";
        string changed = string.Join(", ", Git("status --porcelain -- src").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return "commit " + commit + (changed.Length == 0 ? ", src/ clean" : ", uncommitted in src/: " + changed);
    }

    /// <summary>The built module's age against the newest source file, so a stale module is said, not measured silently.</summary>
    internal static string ModuleState(out bool ok)
    {
        ok = File.Exists(ModuleManifest);
        if (!ok) return $"NOT BUILT: {ModuleManifest} is missing. Run `dotnet publish src/ConnectTools -c Release` first.";
        var dll = Path.Combine(Path.GetDirectoryName(ModuleManifest)!, "ConnectTools.dll");
        var built = File.GetLastWriteTimeUtc(dll);
        var newest = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MinValue).Max();
        string age = newest > built
            ? $"STALE: a source file under src/ is newer ({newest:u}) than the module ({built:u}); run `dotnet publish src/ConnectTools -c Release`"
            : $"built {built:u}, newer than every source file under src/";
        return $"{ModuleManifest} ({age})";
    }
}

/// <summary>
/// The Connect emulator in its own process (`dotnet ConnectTools.Emulator.dll`), on a free loopback port, with the admin
/// API for its counters. --parent-pid makes it stop if the benchmark dies; Dispose (and Ctrl+C) kills it.
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private static readonly HttpClient Admin = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Regions handed out one per emulator, so no two emulators share a client-side rate gate keyed by Region.</summary>
    private static readonly string[] Regions =
    [
        "us-east-1", "us-west-2", "eu-west-2", "eu-central-1", "ap-southeast-2", "ap-northeast-1", "ca-central-1", "ap-southeast-1",
        "ap-northeast-2", "af-south-1", "us-east-2", "us-west-1", "eu-west-1", "eu-west-3", "eu-north-1", "ap-south-1", "sa-east-1",
    ];

    private static int _nextRegion = -1;

    private readonly Process _process;

    private EmulatorProcess(Process process, Uri url, string region, List<string> instances, string description, string clientQuotas)
    {
        _process = process;
        ClientQuotas = clientQuotas;
        Url = url;
        Region = region;
        Instances = instances;
        Description = description;
    }

    internal Uri Url { get; }
    internal string Region { get; }
    internal IReadOnlyList<string> Instances { get; }
    internal string Description { get; }
    internal int Pid => _process.Id;

    /// <summary>
    /// What the client is told of this emulator's quotas (CONNECTTOOLS_API_QUOTAS), as a user whose quotas were raised
    /// tells the module: the emulator's --quota values, or, with quotas off, a rate no listing reaches. Without it the
    /// client would pace to the service's default quotas.
    /// </summary>
    internal string ClientQuotas { get; }

    /// <summary>The environment a child process (pwsh, or this program) needs to use this emulator as the client does here.</summary>
    internal Dictionary<string, string> ClientEnvironment() => new() { [Clients.QuotasVariable] = ClientQuotas };

    internal static async Task<EmulatorProcess> StartAsync(int users, int latencyMs, bool quotas, IEnumerable<string>? quotaArgs, CancellationToken ct, int instances = 1)
    {
        if (!File.Exists(Repo.EmulatorDll))
            throw new FileNotFoundException($"The emulator is not beside the benchmark ({Repo.EmulatorDll}); build bench/ConnectTools.Bench.");
        string region = Regions[(Interlocked.Increment(ref _nextRegion)) % Regions.Length];
        var psi = new ProcessStartInfo(Repo.Dotnet())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(Repo.EmulatorDll);
        var args = new List<string>
        {
            "--port", "0", "--quiet", "--admin", "--active-only", "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            "--region", region, "--users", users.ToString(CultureInfo.InvariantCulture), "--instances", instances.ToString(CultureInfo.InvariantCulture),
            "--latency-ms", latencyMs.ToString(CultureInfo.InvariantCulture),
        };
        if (!quotas) args.Add("--no-quotas");
        foreach (var q in quotaArgs ?? []) { args.Add("--quota"); args.Add(q); }
        foreach (var a in args) psi.ArgumentList.Add(a);

        var watch = Stopwatch.StartNew();
        var p = Children.Start(psi);
        try
        {
            _ = p.StandardError.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromMinutes(2));
            string? first = await p.StandardOutput.ReadLineAsync(limit.Token);
            var m = first == null ? null : System.Text.RegularExpressions.Regex.Match(first, @"listening on (http\S+)");
            if (m == null || !m.Success) throw new InvalidOperationException("The emulator did not start: " + (first ?? "(no output)"));
            var ids = new List<string>();
            string? line;
            bool inInstances = false;
            while ((line = await p.StandardOutput.ReadLineAsync(limit.Token)) != null)
            {
                if (line.StartsWith("Press Ctrl+C", StringComparison.Ordinal)) break;
                if (line.Trim() == "Instances:") { inInstances = true; continue; }
                if (inInstances && line.StartsWith("    ", StringComparison.Ordinal)) ids.Add(line.Trim().Split(' ')[0]);
                else if (inInstances) inInstances = false;
            }

            _ = DrainAsync(p);
            if (ids.Count == 0) throw new InvalidOperationException("The emulator listed no instance.");
            string description = $"emulator pid {p.Id} ({region}, {users:N0} users, latency {latencyMs} ms, " +
                                 (quotas ? "quotas " + (quotaArgs?.Any() == true ? string.Join(" ", quotaArgs) + ", the rest default" : "default") : "quotas off") +
                                 $", SigV4 verified; up in {watch.Elapsed.TotalSeconds:F1} s)";
            string clientQuotas = !quotas ? "*=100000/100000" : string.Join(";", quotaArgs ?? []);
            return new EmulatorProcess(p, new Uri(m.Groups[1].Value), region, ids, description, clientQuotas);
        }
        catch
        {
            Children.Stop(p);
            throw;
        }
    }

    private static async Task DrainAsync(Process p)
    {
        try
        {
            while (await p.StandardOutput.ReadLineAsync() != null) { }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process was stopped.
        }
    }

    private async Task<JsonDocument> GetAsync(string route, CancellationToken ct)
    {
        using var response = await Admin.GetAsync(new Uri(Url, "_emulator/" + route), ct);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
    }

    /// <summary>Refills every quota bucket and clears the counters and request records.</summary>
    internal async Task ResetAsync(CancellationToken ct)
    {
        using var response = await Admin.PostAsync(new Uri(Url, "_emulator/reset"), new StringContent("{}", Encoding.UTF8, "application/json"), ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Requests and quota 429s of one operation since the last reset.</summary>
    internal async Task<(long Requests, long Throttled)> CountsAsync(string operation, CancellationToken ct)
    {
        using var doc = await GetAsync("stats", ct);
        var op = doc.RootElement.GetProperty("Operations").GetProperty(operation);
        return (op.GetProperty("Requests").GetInt64(), op.GetProperty("Throttled").GetInt64());
    }

    internal async Task<int> MaxConcurrentAsync(CancellationToken ct)
    {
        using var doc = await GetAsync("stats", ct);
        return doc.RootElement.GetProperty("MaxConcurrentRequests").GetInt32();
    }

    internal sealed record Request(string Operation, int Status, DateTimeOffset At);

    /// <summary>The recorded requests since the last reset, oldest first (the emulator keeps the last 100,000).</summary>
    internal async Task<List<Request>> RequestsAsync(CancellationToken ct)
    {
        using var doc = await GetAsync("requests", ct);
        return doc.RootElement.EnumerateArray().Select(r => new Request(
            r.GetProperty("Operation").GetString() ?? "",
            r.GetProperty("StatusCode").GetInt32(),
            DateTimeOffset.Parse(r.GetProperty("ReceivedAt").GetString()!, CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>A client the way the cmdlets make one (ConnectSession, explicit keys), with clients of its own (not shared).</summary>
    internal ConnectClient NewClient() => Clients.For(Url.ToString(), Region, ClientQuotas);

    public ValueTask DisposeAsync()
    {
        Children.Stop(_process);
        return ValueTask.CompletedTask;
    }
}

internal static class Clients
{
    internal const string QuotasVariable = ApiQuotas.VariableName;

    /// <summary>
    /// A ConnectClient through ConnectSession, as the cmdlets get theirs, with the emulator's demo keys. The environment
    /// holds only the emulator's quotas (<paramref name="quotas"/>; in a child process, the variable its parent set), so
    /// AWS_MAX_ATTEMPTS etc. of this shell cannot change the figures.
    /// </summary>
    internal static ConnectClient For(string endpointUrl, string region, string? quotas = null)
    {
        quotas ??= Environment.GetEnvironmentVariable(QuotasVariable);
        var settings = new AwsSettings
        {
            AccessKey = Repo.DemoAccessKey,
            SecretKey = Repo.DemoSecretKey,
            Region = region,
            EndpointUrl = endpointUrl,
            Environment = new DictionaryEnvironment(new Dictionary<string, string?> { [QuotasVariable] = quotas }),
        };
        return new ConnectSession(settings, new HttpSettings(), verbose: null, shareClients: false).ClientFor();
    }
}

/// <summary>The PowerShell pinned in .config/dotnet-tools.json (the repository's local tool), run as `dotnet pwsh.dll`.</summary>
internal static class Pwsh
{
    private static readonly Lazy<Task<(string? Dll, string Description)>> Found = new(Locate);

    internal static Task<(string? Dll, string Description)> LocateAsync() => Found.Value;

    private static async Task<(string? Dll, string Description)> Locate()
    {
        // The same way the Pester suite finds it (tests/ConnectTools.Module.Tests/PwshLocator.cs): the tool's own pwsh
        // reports its pwsh.dll, which then runs under the dotnet host directly (one process, no tool shim around it).
        var psi = new ProcessStartInfo(Repo.Dotnet()) { WorkingDirectory = Repo.Root };
        foreach (var a in new[] { "tool", "run", "pwsh", "-NoProfile", "-NonInteractive", "-Command", "$PSVersionTable.PSVersion.ToString(); Join-Path $PSHOME 'pwsh.dll'" })
            psi.ArgumentList.Add(a);
        Environment(psi);
        try
        {
            var (code, output, error, _) = await Children.RunAsync(psi, TimeSpan.FromMinutes(3), CancellationToken.None);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (code != 0 || lines.Length < 2 || !File.Exists(lines[1]))
                return (null, $"`dotnet tool run pwsh` failed (exit {code}): {error.Trim()} {output.Trim()} -- run `dotnet tool restore` in {Repo.Root}");
            return (lines[1], $"pwsh {lines[0]} (dotnet tool) at {lines[1]}");
        }
        catch (Exception e) when (e is TimeoutException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, "`dotnet tool run pwsh` could not run: " + e.Message);
        }
    }

    /// <summary>A start info for `dotnet pwsh.dll -NoProfile -NonInteractive -Command script`, with a clean AWS environment.</summary>
    internal static ProcessStartInfo StartInfo(string dll, string script, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(Repo.Dotnet()) { WorkingDirectory = Repo.Root };
        psi.ArgumentList.Add(dll);
        foreach (var a in new[] { "-NoProfile", "-NonInteractive", "-Command", script }) psi.ArgumentList.Add(a);
        Environment(psi);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        return psi;
    }

    private static void Environment(ProcessStartInfo psi)
    {
        psi.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["POWERSHELL_UPDATECHECK"] = "Off";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        // No profile, credential file or instance metadata of this machine can change what is measured.
        string none = Path.Combine(Path.GetTempPath(), "connecttools-bench-none");
        psi.Environment["AWS_CONFIG_FILE"] = Path.Combine(none, "config");
        psi.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(none, "credentials");
        psi.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var k in new[] { "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "CONNECTTOOLS_ENDPOINT_URLS" })
            psi.Environment.Remove(k);
    }
}
