using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace ConnectTools.LoadContext
{
    /// <summary>
    /// ConnectTools' private load context on PowerShell 7. The cmdlet assembly (ConnectTools.dll, the root module) is
    /// loaded by PowerShell into the default context and uses no AWSSDK type; every assembly behind it that PowerShell
    /// itself does not provide is loaded here from the module's <c>bin</c> folder: ConnectTools.Core, AWSSDK.Core,
    /// AWSSDK.SecurityToken, ... So ConnectTools always runs on the AWSSDK.Core it was built and tested with, and AWS
    /// Tools for PowerShell (which loads its own AWSSDK.* into the default context through RequiredAssemblies) can be
    /// imported before or after it, whatever version it brings.
    /// Assemblies that PowerShell or the .NET runtime provide (System.Management.Automation, System.Text.Json, ...)
    /// come from the default context, so types such as PSObject are the same on both sides.
    /// </summary>
    public sealed class ModuleLoadContext : AssemblyLoadContext
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<string, ModuleLoadContext> Contexts = new Dictionary<string, ModuleLoadContext>(StringComparer.OrdinalIgnoreCase);

        private readonly string _moduleDir;
        private readonly string _binDir;
        private readonly string? _nativeDir;
        private readonly HashSet<string> _platform;

        private ModuleLoadContext(string moduleDir)
        {
            _moduleDir = moduleDir;
            _binDir = Path.Combine(moduleDir, "bin");
            _nativeDir = ReadyToRunFolder(_binDir);
            _platform = PlatformAssemblyNames();
        }

        /// <summary>
        /// bin/&lt;platform&gt;/ (bin/linux-x64, bin/win-x64, ...) when the module ships assemblies built for .NET 10 and
        /// precompiled (ReadyToRun) for this platform and the runtime can use them (.NET 10 or later); else null, and
        /// the portable netstandard2.0 assemblies of bin/ are loaded. Precompiled code spares the first call of a fresh
        /// session the compilation of the cmdlets, ConnectTools.Core and AWSSDK.Core.
        /// </summary>
        private static string? ReadyToRunFolder(string binDir)
        {
            if (Environment.Version.Major < 10) return null;
            string os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
                : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx"
                : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "linux" : "";
            string arch = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                _ => "",
            };
            if (os.Length == 0 || arch.Length == 0) return null;
            string dir = Path.Combine(binDir, os + "-" + arch);
            return File.Exists(Path.Combine(dir, "ConnectTools.Core.dll")) ? dir : null;
        }

        /// <summary>
        /// Called by the cmdlet assembly's module initializer at Import-Module, before PowerShell looks at the cmdlets'
        /// constructors (which name ConnectTools.Core's types): from now on, when the default context (where PowerShell
        /// loaded ConnectTools.dll, the root module) asks for ConnectTools.Core and has none of its own, it is given the
        /// one of the private context of the module in <paramref name="moduleDir"/>, which resolves everything else
        /// ConnectTools.Core needs (AWSSDK.Core, ...) from the module's bin folder. One context per module folder for
        /// the life of the process; importing again changes nothing.
        /// </summary>
        public static void ServeDependencies(string moduleDir)
        {
            string dir = Path.GetFullPath(moduleDir);
            lock (Gate)
            {
                if (!Contexts.TryGetValue(dir, out var context))
                {
                    context = new ModuleLoadContext(dir);
                    Contexts[dir] = context;
                }

                if (_served == null) Default.Resolving += ServeToDefault;
                _served = context;
            }
        }

        /// <summary>The context whose ConnectTools.Core the default context is given (the module imported last).</summary>
        private static ModuleLoadContext? _served;

        /// <summary>
        /// The one assembly the default context is served: ConnectTools.Core, the only one the cmdlet assembly names that
        /// neither PowerShell nor the runtime provides. Any other name (an AWSSDK.Core another module asks for, say) is
        /// left to the default context's other resolvers.
        /// </summary>
        private static Assembly? ServeToDefault(AssemblyLoadContext context, AssemblyName name)
        {
            var served = _served;
            return served != null && string.Equals(name.Name, "ConnectTools.Core", StringComparison.OrdinalIgnoreCase)
                ? served.LoadFromAssemblyName(name)
                : null;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string? name = assemblyName.Name;
            if (string.IsNullOrEmpty(name) || name!.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) return null;

            // What the runtime or PowerShell ships is shared with the rest of the session.
            if (_platform.Contains(name)) return null;

            string path;
            if (_nativeDir != null)
            {
                path = Path.Combine(_nativeDir, name + ".dll");
                if (File.Exists(path)) return LoadFromAssemblyPath(path);
            }
            path = Path.Combine(_binDir, name + ".dll");
            if (File.Exists(path)) return LoadFromAssemblyPath(path);
            path = Path.Combine(_moduleDir, name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        /// <summary>The simple names of the runtime's assemblies (the trusted platform assemblies) and of PowerShell's own.</summary>
        private static HashSet<string> PlatformAssemblyNames()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa)
            {
                foreach (var file in tpa.Split(Path.PathSeparator))
                    if (file.Length > 0) names.Add(Path.GetFileNameWithoutExtension(file));
            }

            // PowerShell's folder ($PSHOME): the directory of System.Management.Automation.
            foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (!string.Equals(loaded.GetName().Name, "System.Management.Automation", StringComparison.OrdinalIgnoreCase)) continue;
                string? home = string.IsNullOrEmpty(loaded.Location) ? null : Path.GetDirectoryName(loaded.Location);
                if (home == null) break;
                foreach (var file in Directory.EnumerateFiles(home, "*.dll")) names.Add(Path.GetFileNameWithoutExtension(file));
                break;
            }

            return names;
        }
    }
}
