using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Enumeration;
using static ConnectTools.Bench.Report;

namespace ConnectTools.Bench;

/// <summary>
/// The PowerShell path, through the repository's pinned pwsh (`dotnet pwsh.dll`) and the built module in
/// out/ConnectTools/&lt;version&gt;/: the same listing end to end against the core (E), Import-Module against a bare pwsh
/// start (I), and the first object in a fresh pwsh after Import-Module (F).
/// </summary>
internal static class PwshRows
{
    private const int ListingUsers = 2000;

    private sealed record Child(double ImportMs, double FirstMs, double ListMs, long Count, long PeakWs);

    /// <summary>Runs one fresh pwsh: Import-Module and the first Get-ConnectInstance object timed inside it; then, when asked, a warm-up and the timed listing.</summary>
    private static async Task<Child> RunChild(string pwsh, EmulatorProcess emu, bool listing, CancellationToken ct)
    {
        string url = emu.Url.ToString(), region = emu.Region, instance = emu.Instances[0];
        string common = $"-EndpointUrl '{url}' -Region '{region}'";
        string script = $$"""
            $ErrorActionPreference = 'Stop'
            $inv = [System.Globalization.CultureInfo]::InvariantCulture
            Import-Module Microsoft.PowerShell.Utility
            $sw = [System.Diagnostics.Stopwatch]::StartNew()
            Import-Module '{{Repo.ModuleManifest}}'
            $import = $sw.Elapsed.TotalMilliseconds
            $first = Get-ConnectInstance {{common}} | Select-Object -First 1
            $firstMs = $sw.Elapsed.TotalMilliseconds - $import
            if ($null -eq $first -or $first.Id -ne '{{instance}}') { throw "Get-ConnectInstance gave no or the wrong first object: $first" }
            $listMs = -1; $count = -1
            if (${{(listing ? "true" : "false")}}) {
                $null = Get-ConnectUser -InstanceId '{{instance}}' {{common}} | Measure-Object
                $sw2 = [System.Diagnostics.Stopwatch]::StartNew()
                $count = (Get-ConnectUser -InstanceId '{{instance}}' {{common}} | Measure-Object).Count
                $listMs = $sw2.Elapsed.TotalMilliseconds
            }
            $peak = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
            'BENCH ' + (($import, $firstMs, $listMs, $count, $peak | ForEach-Object { ([double]$_).ToString('R', $inv) }) -join ' ')
            """;
        var env = new Dictionary<string, string>(emu.ClientEnvironment())
        {
            ["AWS_ACCESS_KEY_ID"] = Repo.DemoAccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = Repo.DemoSecretKey,
        };
        var (code, output, error, _) = await Children.RunAsync(Pwsh.StartInfo(pwsh, script, env), TimeSpan.FromMinutes(5), ct);
        string? line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("BENCH ", StringComparison.Ordinal));
        if (code != 0 || line == null) throw new InvalidOperationException($"pwsh exited {code}: {error.Trim()} {output.Trim()}");
        var f = line[6..].Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        return new Child(f[0], f[1], f[2], (long)f[3], (long)f[4]);
    }

    /// <summary>
    /// The floor for F: one fresh pwsh, prepared like <see cref="RunChild"/>, makes the same first call by hand (an unsigned
    /// HttpClient GET of ListInstances' path, answered 403 without a throw) and takes its first line with Select-Object.
    /// What PowerShell and .NET's HTTP stack cost a first call in this pwsh, before any client, signing or JSON.
    /// </summary>
    private static async Task<double> RunFloorChild(string pwsh, EmulatorProcess emu, CancellationToken ct)
    {
        string url = new Uri(emu.Url, "instance").ToString();
        string script = $$"""
            $ErrorActionPreference = 'Stop'
            $inv = [System.Globalization.CultureInfo]::InvariantCulture
            Import-Module Microsoft.PowerShell.Utility
            $sw = [System.Diagnostics.Stopwatch]::StartNew()
            $http = [System.Net.Http.HttpClient]::new()
            $response = $http.GetAsync('{{url}}').GetAwaiter().GetResult()
            $first = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult() | Select-Object -First 1
            $ms = $sw.Elapsed.TotalMilliseconds
            if ([string]::IsNullOrEmpty($first)) { throw "the raw call got no body (HTTP $([int]$response.StatusCode))" }
            'FLOOR ' + $ms.ToString('R', $inv)
            """;
        var (code, output, error, _) = await Children.RunAsync(Pwsh.StartInfo(pwsh, script, new Dictionary<string, string>(emu.ClientEnvironment())), TimeSpan.FromMinutes(5), ct);
        string? line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("FLOOR ", StringComparison.Ordinal));
        if (code != 0 || line == null) throw new InvalidOperationException($"pwsh exited {code}: {error.Trim()} {output.Trim()}");
        return double.Parse(line[6..], CultureInfo.InvariantCulture);
    }

    private static async Task<string?> Prepare(string id, string what)
    {
        var state = Repo.ModuleState(out bool built);
        if (!built)
        {
            Failed(id, what, "module not built: run `dotnet publish src/ConnectTools -c Release`");
            return null;
        }

        var (dll, description) = await Pwsh.LocateAsync();
        if (dll == null)
        {
            Failed(id, what, description);
            return null;
        }

        Line("pwsh", description);
        Line("module", state);
        return dll;
    }

    /// <summary>E and F together (one fresh pwsh a run serves both); each is printed only when selected.</summary>
    internal static async Task EndToEndAndFirst(Options o, bool e, bool f, CancellationToken ct)
    {
        string? pwsh = await Prepare(e ? "E" : "F", e ? "pwsh vs core, same listing" : "first object after Import-Module");
        if (pwsh == null) return;
        int users = o.Quick ? 500 : ListingUsers;
        await using var emu = await EmulatorProcess.StartAsync(users, 0, quotas: false, null, ct);
        Line("emulator", emu.Description);
        if (f)
        {
            Note("F: in a fresh pwsh, a Stopwatch around Import-Module, then to the first Get-ConnectInstance object (Select-Object -First 1).");
            Note("PowerShell's own Microsoft.PowerShell.Utility (Select-Object, Measure-Object) is imported before the clock starts: its");
            Note("autoload at the first Select-Object is PowerShell's cost (about 100 ms in this pwsh), not ConnectTools', and most");
            Note("scripts pay it before their first Connect call anyway. Floor: another fresh pwsh, prepared the same way, makes the call by");
            Note("hand (HttpClient GET, unsigned, no JSON) | Select-Object -First 1: what PowerShell and .NET's HTTP stack take in this pwsh.");
        }
        if (e)
        {
            Note($"E: Get-ConnectUser -InstanceId (full detail: ListUsers, then {users:N0} DescribeUser calls) | Measure-Object, timed inside the");
            Note("fresh pwsh after one untimed listing of the same users (JIT, connections), against the core's Listings.Users in a fresh");
            Note("child process of the benchmark, also timed on its second listing: the same state on both sides; paired, order alternating.");
            Note("Quotas off and no latency, so the figure is what the PowerShell layer adds per user (the module's load context, the");
            Note("cmdlet, WriteObject, the pipeline, Measure-Object), not hidden behind the quota. Cold start: rows I and F.");
        }

        var imports = new List<double>();
        var firsts = new List<double>();
        var floors = new List<double>();
        var ratios = new List<double>();
        var peaks = new List<double>();
        bool delivered = true;
        for (int i = 1; i <= o.Runs; i++)
        {
            Child? child = null;
            double coreMs = 0;
            for (int half = 0; half < 2; half++)
            {
                bool pwshNow = (half == 0) == (i % 2 == 1);
                if (pwshNow)
                {
                    child = await RunChild(pwsh, emu, e, ct);
                }
                else if (f)
                {
                    floors.Add(await RunFloorChild(pwsh, emu, ct));
                }
                if (!pwshNow && e)
                {
                    var psi = ClientRows.SelfStartInfo(emu.ClientEnvironment(), "--child-listing", emu.Url.ToString(), emu.Region, emu.Instances[0]);
                    var (code, output, error, _) = await Children.RunAsync(psi, TimeSpan.FromMinutes(5), ct);
                    string? line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("LISTING ", StringComparison.Ordinal));
                    if (code != 0 || line == null) throw new InvalidOperationException($"the core's child exited {code}: {error.Trim()} {output.Trim()}");
                    var f2 = line[8..].Split(' ');
                    coreMs = double.Parse(f2[0], CultureInfo.InvariantCulture);
                    delivered &= long.Parse(f2[1], CultureInfo.InvariantCulture) == users;
                }
            }

            imports.Add(child!.ImportMs);
            firsts.Add(child.FirstMs);
            peaks.Add(child.PeakWs / (1024.0 * 1024.0));
            string text = $"Import-Module {child.ImportMs:F0} ms, first object {child.FirstMs:F0} ms after it";
            if (f) text += $" (by hand {floors[^1]:F0} ms)";
            if (e)
            {
                ratios.Add(child.ListMs / coreMs);
                delivered &= child.Count == users;
                text += $"; listing pwsh {child.ListMs:F0} ms ({child.Count:N0} users) vs core {coreMs:F0} ms = {child.ListMs / coreMs:F2}x";
            }

            Line($"run {i}", text + $"; pwsh peak RSS {child.PeakWs / (1024.0 * 1024.0):F0} MB");
        }

        if (e)
        {
            var r = Spread.Of(ratios);
            Add("E", $"pwsh / core, same listing ({users:N0} users in full)", r.Show("F2", "x") + (delivered ? "" : ", users LOST"), "<= 1.25x", r.Median <= 1.25 && delivered);
            Line("[info] pwsh peak RSS (import + listings)", Spread.Of(peaks).Show("F0", " MB"));
        }

        if (f)
        {
            var s = Spread.Of(firsts);
            Add("F", "first object after Import-Module, fresh pwsh", s.Show("F0", " ms"), "<= 100 ms", s.Median <= 100);
            Line("[info] Import-Module inside pwsh", Spread.Of(imports).Show("F0", " ms"));
            Line("[info] floor: the same first call by hand, fresh pwsh", Spread.Of(floors).Show("F0", " ms"));
        }
    }

    /// <summary>I: `pwsh -NoProfile -c "Import-Module ..."` against `pwsh -NoProfile -c exit`, process wall time, ABBA per run.</summary>
    internal static async Task Import(Options o, CancellationToken ct)
    {
        string? pwsh = await Prepare("I", "Import-Module vs bare pwsh");
        if (pwsh == null) return;
        Note("Wall time of the whole process (start, command, exit) under the same dotnet host; per run: bare, import, import, bare");
        Note("(or the reverse), ratio of the sums.");
        string import = $"Import-Module '{Repo.ModuleManifest}'";
        await Children.RunAsync(Pwsh.StartInfo(pwsh, import), TimeSpan.FromMinutes(3), ct); // disk cache warm for both
        var ratios = new List<double>();
        var bares = new List<double>();
        var imports = new List<double>();
        for (int i = 1; i <= o.Runs; i++)
        {
            double bare = 0, imp = 0;
            var order = i % 2 == 1 ? new[] { false, true, true, false } : new[] { true, false, false, true };
            foreach (bool withImport in order)
            {
                var (code, output, error, wall) = await Children.RunAsync(Pwsh.StartInfo(pwsh, withImport ? import : "exit"), TimeSpan.FromMinutes(3), ct);
                if (code != 0) throw new InvalidOperationException($"pwsh exited {code}: {error.Trim()} {output.Trim()}");
                if (withImport) imp += wall.TotalMilliseconds / 2; else bare += wall.TotalMilliseconds / 2;
            }

            Line($"run {i}", $"bare {bare:F0} ms, with Import-Module {imp:F0} ms = {imp / bare:F2}x");
            ratios.Add(imp / bare);
            bares.Add(bare);
            imports.Add(imp);
        }

        var r = Spread.Of(ratios);
        Add("I", "pwsh + Import-Module / bare pwsh -c exit", $"{r.Show("F2", "x")}: {Spread.Of(imports).Median:F0} vs {Spread.Of(bares).Median:F0} ms", "<= 1.3x", r.Median <= 1.3);
    }
}
