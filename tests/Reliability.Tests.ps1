# Streaming, early stop, throttling and transient faults, against an emulator with quotas on.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-TestEmulator -Instances 1 -Users 300 -Arguments '--quota', 'DescribeUser=100/10'
    # The module is told twice the quota the emulator enforces (a quota shared with others, or lowered): with quotas on,
    # the service throttles and the module must cope.
    $env:CONNECTTOOLS_API_QUOTAS = 'DescribeUser=200/20'
    $script:AwsState = Enter-TestAwsEnvironment
    $script:Url = $Emu.Url
    $script:Inst = $Emu.Data.Instances[0]
}

AfterAll {
    if ($script:AwsState) { Exit-TestAwsEnvironment $script:AwsState }
    Stop-TestEmulator $script:Emu
}

Describe 'Reliability' {
    BeforeEach {
        Clear-EmulatorFault $Emu
        $null = Set-EmulatorOption $Emu @{ LatencyMs = 0; DisableQuotas = $true }
        Reset-EmulatorStats $Emu
    }

    It 'Select-Object -First 5 stops the listing early and leaves no call running' {
        $null = Set-EmulatorOption $Emu @{ LatencyMs = 50 }
        Reset-EmulatorStats $Emu
        $five = @(Get-ConnectUser -InstanceId $Inst.Id -EndpointUrl $Url | Select-Object -First 5)
        $five.Count | Should -Be 5
        $stats = Wait-EmulatorInFlight $Emu -Count 0
        $stats.InFlight | Should -Be 0 -Because 'the calls in flight when the pipeline stopped were cancelled'
        $stats.Operations.DescribeUser.Requests | Should -BeLessThan 60 -Because "300 users exist; stopping after 5 must not describe them all (saw $($stats.Operations.DescribeUser.Requests))"
    }

    It 'Ctrl+C (StopProcessing) cancels the calls in flight, starts no other and leaves none running' {
        # Every DescribeUser call would take 60 s: only cancellation ends the ones in flight when Stop() is called.
        Add-EmulatorFault $Emu @{ Operation = 'DescribeUser'; Kind = 'Delay'; DelayMs = 60000 }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Manifest, $InstanceId, $Url)
                    Import-Module $Manifest
                    Get-ConnectUser -InstanceId $InstanceId -EndpointUrl $Url -ThrottleLimit 8
                }).AddArgument($script:ModuleManifest).AddArgument($Inst.Id).AddArgument($Url)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $handle = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
            $before = Wait-EmulatorInFlight $Emu -Count 8
            $before.InFlight | Should -Be 8 -Because 'the listing must be under way, -ThrottleLimit calls in flight, before it is stopped'

            $ps.Stop()
            $handle.IsCompleted | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'

            $after = Wait-EmulatorInFlight $Emu -Count 0
            $after.InFlight | Should -Be 0 -Because 'the calls in flight were cancelled (each would otherwise run 60 s)'
            $after.Operations.DescribeUser.Requests | Should -Be 8 -Because 'no call may start after the stop'
            $after.Operations.DescribeUser.ResponsesByStatus.'0' | Should -Be 8 -Because 'all eight ended without an answer: cancelled by the client'
            $output.Count | Should -Be 0
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'writes progress while listing, completes it at the end, and writes none when progress is hidden' {
        foreach ($preference in 'Continue', 'SilentlyContinue') {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript({
                        param($Manifest, $InstanceId, $Url, $Preference)
                        $ProgressPreference = $Preference
                        Import-Module $Manifest
                        Get-ConnectUser -InstanceId $InstanceId -EndpointUrl $Url
                    }).AddArgument($script:ModuleManifest).AddArgument($Inst.Id).AddArgument($Url).AddArgument($preference)
                $out = $ps.Invoke()
                $out.Count | Should -Be 300
                $progress = @($ps.Streams.Progress | Where-Object Activity -Like 'Get-ConnectUser*')
                if ($preference -eq 'Continue') {
                    $progress.Count | Should -BeGreaterThan 1
                    $progress[-1].RecordType | Should -Be 'Completed'
                    ($progress | Where-Object StatusDescription -Match 'of 300') | Should -Not -BeNullOrEmpty
                }
                else {
                    $progress.Count | Should -Be 0
                }
            }
            finally {
                $ps.Dispose()
            }
        }
    }

    It '-Debug shows each HTTP attempt with its status, time and request id' {
        Add-EmulatorFault $Emu @{ Operation = 'DescribeUser'; Kind = 'Status'; StatusCode = 503; Count = 1 }
        # $DebugPreference rather than -Debug: Windows PowerShell 5.1 and some hosts turn -Debug into a prompt per message.
        $r = Invoke-Captured { $DebugPreference = 'Continue'; Get-ConnectUser -InstanceId $Inst.Id -UserId $Inst.Users[0].Id -EndpointUrl $Url }
        $r.Output.Count | Should -Be 1
        ($r.Debug -join "`n") | Should -Match ('DescribeUser ' + [regex]::Escape($Inst.Users[0].Id) + ' attempt 1: HTTP 503 \S+ in \d+ ms, request id \S+')
        ($r.Debug -join "`n") | Should -Match 'attempt 2: HTTP 200 in \d+ ms'
    }

    It '-Debug alone works in a non-interactive session (no prompt for verbose messages)' {
        $command = "Import-Module '$($script:ModuleManifest)'; Get-ConnectUser -InstanceId '$($Inst.Id)' -UserId '$($Inst.Users[0].Id)' -EndpointUrl '$Url' -Debug | ForEach-Object Username"
        $lines = & $script:Pwsh @script:PwshArguments -NoProfile -NonInteractive -Command $command 2>&1 5>&1 | ForEach-Object { "$_" }
        $LASTEXITCODE | Should -Be 0
        ($lines -join "`n") | Should -Not -Match 'NonInteractive'
        $lines | Should -Contain $Inst.Users[0].Username
        ($lines -join "`n") | Should -Match 'DescribeUser .* attempt 1: HTTP 200'
    }

    It 'a listing at the quota returns every user, without errors, throttled calls retried' {
        $null = Set-EmulatorOption $Emu @{ DisableQuotas = $false }
        Reset-EmulatorStats $Emu
        $r = Invoke-Captured { Get-ConnectUser -InstanceId $Inst.Id -EndpointUrl $Url }
        $r.Terminating | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 0
        @($r.Output.UserId | Sort-Object -Unique).Count | Should -Be 300
        $stats = Get-EmulatorStats $Emu
        $stats.Operations.DescribeUser.ResponsesByStatus.'200' | Should -Be 300
        $stats.Operations.DescribeUser.Throttled | Should -BeGreaterThan 0 -Because 'the quota (100/s, burst 10, where the module was told 200/s) must have been hit, or this test proves nothing'
    }

    It 'transient 503s are retried' {
        Add-EmulatorFault $Emu @{ Operation = 'DescribeUser'; Kind = 'Status'; StatusCode = 503; Count = 2 }
        $got = @(Get-ConnectUser -InstanceId $Inst.Id -UserId $Inst.Users[0].Id -EndpointUrl $Url)
        $got.Count | Should -Be 1
        $stats = Get-EmulatorStats $Emu
        $stats.Operations.DescribeUser.ResponsesByStatus.'503' | Should -Be 2
        $stats.Operations.DescribeUser.ResponsesByStatus.'200' | Should -Be 1
    }

    It 'a persistent failure of one item is one non-terminating error; the other items arrive' {
        Add-EmulatorFault $Emu @{ Operation = 'DescribeUser'; Kind = 'Status'; StatusCode = 500; ErrorCode = 'InternalServiceException'; Count = 3 }
        $ids = @($Inst.Users[0..3].Id)
        $r = Invoke-Captured { Get-ConnectUser -InstanceId $Inst.Id -UserId $ids -ThrottleLimit 1 -EndpointUrl $Url }
        $r.Terminating | Should -BeNullOrEmpty
        $r.Output.Count | Should -Be 3
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ConnectServiceError,ConnectTools.Commands.GetConnectUserCommand'
        $r.Errors[0].TargetObject | Should -Be $ids[0]
        $r.Errors[0].ToString() | Should -Match 'InternalServiceException'
    }
}
