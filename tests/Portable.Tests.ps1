# The portable assemblies: the netstandard2.0 builds in bin/ that Windows PowerShell 5.1 and PowerShell before 7.6 load
# (PowerShell 7.6+ on win-x64, linux-x64 and osx-arm64 loads the precompiled .NET 10 builds of bin/<platform>/ instead,
# so the rest of the suite never runs these). A copy of the built module WITHOUT the platform folders makes this
# PowerShell load the portable set, and the same commands must work on it: a listing, a describe, a summary, an error.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-TestEmulator -Instances 1 -Users 7 -Arguments '--no-quotas'
    # A copy of the module with the portable assemblies only.
    $script:PortableRoot = Get-FreeTempDirectory
    $script:PortableDir = Join-Path (Join-Path $PortableRoot 'ConnectTools') (Split-Path -Leaf $ModuleDir)
    $null = New-Item -ItemType Directory -Path $PortableDir -Force
    Copy-Item -Path (Join-Path $ModuleDir '*') -Destination $PortableDir -Recurse
    Get-ChildItem -LiteralPath (Join-Path $PortableDir 'bin') -Directory | Remove-Item -Recurse -Force
    $script:PortableManifest = Join-Path $PortableDir 'ConnectTools.psd1'
}

AfterAll {
    Stop-TestEmulator $script:Emu
    if ($script:PortableRoot) { Remove-Item -LiteralPath $script:PortableRoot -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'The portable (netstandard2.0) assemblies' {
    It 'load in a fresh pwsh when no precompiled folder fits, and every command works on them' {
        $instance = $Emu.Data.Instances[0]
        $script = @'
$ErrorActionPreference = 'Stop'
Import-Module -Name $env:CT_MANIFEST
$moduleDir = Split-Path -Parent $env:CT_MANIFEST
$cmdlets = (Get-Command Get-ConnectInstance).ImplementingType.Assembly
$core = [ConnectTools.ConnectUser].Assembly
'CMDLETS-FROM ' + [IO.Path]::GetRelativePath($moduleDir, $cmdlets.Location).Replace('\', '/')
'CORE-FROM ' + [IO.Path]::GetRelativePath($moduleDir, $core.Location).Replace('\', '/')
'CORE-TARGET ' + ($core.GetCustomAttributes([Runtime.Versioning.TargetFrameworkAttribute], $false) | ForEach-Object FrameworkName)
$common = @{ EndpointUrl = $env:CT_URL; Region = 'us-east-1' }
'INSTANCE ' + (Get-ConnectInstance @common | Select-Object -First 1).InstanceId
'USERS ' + ((Get-ConnectUser -InstanceId $env:CT_INSTANCE @common | ForEach-Object Username | Sort-Object) -join ',')
'SUMMARIES ' + @(Get-ConnectUser -InstanceId $env:CT_INSTANCE -Summary @common).Count
'ONE ' + (Get-ConnectUser -InstanceId $env:CT_INSTANCE -UserId $env:CT_USER @common).Username
$failure = $null
try { Get-ConnectUser -InstanceId $env:CT_INSTANCE -UserId '00000000-0000-0000-0000-000000000000' @common } catch { $failure = $_ }
'ERROR ' + $failure.FullyQualifiedErrorId
$warm = $core.GetType('ConnectTools.WarmUp.ConnectWarmUp', $true)::Running.GetAwaiter().GetResult()
'WARMUP requests=' + $warm.Requests + ' failure=' + $warm.Failure
'@
        $psi = New-PwshStartInfo -Script $script
        $environment = @{
            CT_MANIFEST = $PortableManifest; CT_URL = $Emu.Url; CT_INSTANCE = $instance.Id; CT_USER = $instance.Users[2].Id
            AWS_ACCESS_KEY_ID = $DemoAccessKey; AWS_SECRET_ACCESS_KEY = $DemoSecretKey; CONNECTTOOLS_API_QUOTAS = $env:CONNECTTOOLS_API_QUOTAS
        }
        foreach ($k in $environment.Keys) { $psi.Environment[$k] = $environment[$k] }
        $p = [System.Diagnostics.Process]::Start($psi)
        $stderr = $p.StandardError.ReadToEndAsync()
        $stdout = $p.StandardOutput.ReadToEnd()
        if (-not $p.WaitForExit(120000)) { $p.Kill($true); throw 'The child pwsh did not finish in 120 s.' }
        $output = $stdout + $stderr.Result
        $p.ExitCode | Should -Be 0 -Because $output
        $output | Should -Match '(?m)^CMDLETS-FROM ConnectTools\.dll$'
        $output | Should -Match '(?m)^CORE-FROM bin/ConnectTools\.Core\.dll$'
        $output | Should -Match '(?m)^CORE-TARGET \.NETStandard,Version=v2\.0$'
        $output | Should -Match ('(?m)^INSTANCE ' + [regex]::Escape($instance.Id) + '$')
        $output | Should -Match ('(?m)^USERS ' + [regex]::Escape((($instance.Users.Username | Sort-Object) -join ',')) + '$')
        $output | Should -Match '(?m)^SUMMARIES 7$'
        $output | Should -Match ('(?m)^ONE ' + [regex]::Escape($instance.Users[2].Username) + '$')
        $output | Should -Match '(?m)^ERROR ConnectUserNotFound,ConnectTools\.Commands\.GetConnectUserCommand$'
        # The warm-up of the portable build (in-memory handler in place of the HTTP stack) ran every call too.
        $output | Should -Match '(?m)^WARMUP requests=8 failure=$'
    }
}
