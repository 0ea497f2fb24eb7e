# ConnectTools' root module: loads the cmdlet assembly and exports its cmdlets. Nothing else runs at import.
#
# PowerShell 7: ConnectTools.dll and its dependencies in bin/ (ConnectTools.Core, AWSSDK.Core, ...) are loaded into
# a private AssemblyLoadContext (bin/ConnectTools.LoadContext.dll), so any AWSSDK.Core that AWS Tools for PowerShell
# or another module loads, before or after ConnectTools, is never confused with ConnectTools' own.
# Windows PowerShell 5.1 has no load contexts: the cmdlet assembly is loaded as usual, and its module initializer
# serves bin/ to the assembly resolver (see about_ConnectTools for how it lives beside AWS Tools there).

if ($PSVersionTable.PSEdition -eq 'Core') {
    # Assembly.LoadFrom, not Add-Type: Add-Type costs most of a second on a cold start.
    $null = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'bin', 'ConnectTools.LoadContext.dll'))
    $cmdletAssembly = [ConnectTools.LoadContext.ModuleLoadContext]::LoadCmdlets($PSScriptRoot)
}
else {
    # ConnectTools.Core first, from bin/: the load-from context then resolves its dependencies from bin/ too.
    $null = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'bin', 'ConnectTools.Core.dll'))
    $cmdletAssembly = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'ConnectTools.dll'))
}

Import-Module -Assembly $cmdletAssembly -ErrorAction Stop
Export-ModuleMember -Cmdlet 'Get-ConnectInstance', 'Get-ConnectUser'

if ($PSVersionTable.PSEdition -eq 'Core') {
    # PowerShell resolves type names ([ConnectTools.ConnectUser]) only in the default context: make the types users name
    # (the output objects and their parts, the errors to catch, the identity types of -InstanceId and -UserId, which live
    # in the cmdlet assembly) known by their full names while the module is loaded. Named one by one: listing every
    # exported type would load AWSSDK.Core and more at import for nothing.
    $accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
    $coreName = $cmdletAssembly.GetReferencedAssemblies() | Where-Object Name -eq 'ConnectTools.Core'
    $coreAssembly = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($cmdletAssembly).LoadFromAssemblyName($coreName)
    $publicTypes = @(
        foreach ($name in 'ConnectInstance', 'InstanceStatusReason', 'ReplicationConfiguration', 'ReplicationStatusSummary',
            'ConnectUserBase', 'ConnectUser', 'ConnectUserSummary', 'UserIdentityInfo', 'UserIdentityInfoLite', 'UserPhoneConfig',
            'AutoAcceptConfig', 'AfterContactWorkConfigPerChannel', 'AfterContactWorkConfig', 'PhoneNumberConfig',
            'PersistentConnectionConfig', 'VoiceEnhancementConfig', 'ConnectServiceException', 'ConnectInputException',
            'ConnectConfigurationException', 'ConnectRegions') {
            $coreAssembly.GetType("ConnectTools.$name", $true)
        }
        foreach ($name in 'ConnectIdentity', 'ConnectInstanceIdentity', 'ConnectUserIdentity') { $cmdletAssembly.GetType("ConnectTools.$name", $true) }
    )
    foreach ($type in $publicTypes) { $accelerators::Add($type.FullName, $type) }
    # -InstanceId and -UserId convert piped rows (Import-Csv, ConvertFrom-Json) with IdentityConverter, named by their
    # [TypeConverter] attribute: PowerShell resolves that name in the default context, which the load context serves
    # with the cmdlet assembly (no Update-TypeData here: it costs the import some 400 JIT-compiled methods).
    $ExecutionContext.SessionState.Module.OnRemove = {
        foreach ($type in $publicTypes) { $null = $accelerators::Remove($type.FullName) }
    }.GetNewClosure()
}
