# ConnectTools' root module: loads the cmdlet assembly and exports its cmdlets. Nothing else runs at import.
#
# PowerShell 7: ConnectTools.dll and its dependencies in bin/ (ConnectTools.Core, AWSSDK.Core, ...) are loaded into
# a private AssemblyLoadContext (bin/ConnectTools.LoadContext.dll), so any AWSSDK.Core that AWS Tools for PowerShell
# or another module loads, before or after ConnectTools, is never confused with ConnectTools' own. The cmdlet
# assembly's module initializer (ModuleInitializer.OnImport) names the public types as type accelerators, since
# PowerShell resolves type names only in the default context; OnRemove takes them away with the module.
# Windows PowerShell 5.1 has no load contexts: the cmdlet assembly is loaded as usual, and its module initializer
# serves bin/ to the assembly resolver (see about_ConnectTools for how it lives beside AWS Tools there).
# Kept to a few statements: every construct PowerShell compiles here (loops, pipelines, closures) is paid by each
# fresh session's import.

if ($PSVersionTable.PSEdition -eq 'Core') {
    # Assembly.LoadFrom, not Add-Type: Add-Type costs most of a second on a cold start.
    $null = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'bin', 'ConnectTools.LoadContext.dll'))
    $cmdletAssembly = [ConnectTools.LoadContext.ModuleLoadContext]::LoadCmdlets($PSScriptRoot)
    Import-Module -Assembly $cmdletAssembly -ErrorAction Stop
    # PowerShell calls IModuleAssemblyCleanup only for a root binary module: the accelerators go with this module here.
    $ExecutionContext.SessionState.Module.OnRemove = { $cmdletAssembly.GetType('ConnectTools.Commands.ModuleInitializer')::new().OnRemove($null) }
}
else {
    # ConnectTools.Core first, from bin/: the load-from context then resolves its dependencies from bin/ too.
    $null = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'bin', 'ConnectTools.Core.dll'))
    Import-Module -Assembly ([System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'ConnectTools.dll'))) -ErrorAction Stop
}
# No Export-ModuleMember: the manifest's CmdletsToExport decides what the module exports.
