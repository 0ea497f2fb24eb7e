# Get-ConnectUser against an emulator with 2 instances of 600 users (more than one SearchUsers page of 500).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-TestEmulator -Instances 2 -Users 600 -Arguments '--no-quotas'
    $script:AwsState = Enter-TestAwsEnvironment
    $script:Url = $Emu.Url
    $script:I1 = $Emu.Data.Instances[0]
    $script:I2 = $Emu.Data.Instances[1]
    $script:Users1 = @($I1.Users)
    $script:U0 = $Users1[0]
    $script:U1 = $Users1[1]
    $script:U2 = $Users1[2]

    function Assert-SameUsers([object[]] $Actual, [object[]] $Expected) {
        $Expected.Count | Should -BeGreaterThan 0 -Because 'the test data must hold matching users, or the test proves nothing'
        @($Actual.UserId | Sort-Object) | Should -Be @($Expected.Id | Sort-Object)
    }
}

AfterAll {
    if ($script:AwsState) { Exit-TestAwsEnvironment $script:AwsState }
    Stop-TestEmulator $script:Emu
}

Describe 'Get-ConnectUser, List parameter set' {
    BeforeEach { Reset-EmulatorStats $Emu }

    It 'lists every user of the instance with ListUsers, then DescribeUser for each' {
        $all = @(Get-ConnectUser -InstanceId $I1.Id -EndpointUrl $Url)
        Assert-SameUsers $all $Users1
        $all[0] | Should -BeOfType ([ConnectTools.ConnectUser])
        $all[0].InstanceId | Should -Be $I1.Id
        $stats = Get-EmulatorStats $Emu
        $stats.Operations.ListUsers.Requests | Should -Be 1
        $stats.Operations.DescribeUser.Requests | Should -Be 600
        $stats.Operations.SearchUsers.Requests | Should -Be 0
    }

    It '-Username with a prefix wildcard' {
        $got = @(Get-ConnectUser -InstanceId $I1.Id -Username 'mia*' -EndpointUrl $Url)
        Assert-SameUsers $got ($Users1 | Where-Object Username -Like 'mia*')
        (Get-EmulatorStats $Emu).Operations.SearchUsers.Requests | Should -BeGreaterThan 0
    }

    It '-Username with a contains wildcard' {
        Assert-SameUsers (Get-ConnectUser -InstanceId $I1.Id -Username '*.garcia.*' -EndpointUrl $Url) ($Users1 | Where-Object Username -Like '*.garcia.*')
    }

    It '-Username with an exact name (case-insensitive) returns just that user' {
        $got = @(Get-ConnectUser -InstanceId $I1.Id -Username $U0.Username.ToUpperInvariant() -EndpointUrl $Url)
        $got.Count | Should -Be 1
        $got[0].UserId | Should -Be $U0.Id
        $got[0].Username | Should -Be $U0.Username
    }

    It '-Username with a ? wildcard and several patterns' {
        $want = @($Users1 | Where-Object { $_.Username -like 'mia.*.000?' -or $_.Username -like 'omar.*' })
        Assert-SameUsers (Get-ConnectUser -InstanceId $I1.Id -Username 'mia.*.000?', 'omar.*' -EndpointUrl $Url) $want
    }

    It '-FirstName' {
        Assert-SameUsers (Get-ConnectUser -InstanceId $I1.Id -FirstName 'Maria' -EndpointUrl $Url) ($Users1 | Where-Object FirstName -EQ 'Maria')
    }

    It '-LastName with a wildcard, combined with -FirstName' {
        $want = @($Users1 | Where-Object { $_.LastName -like 'S*' -and $_.FirstName -eq 'Jane' })
        Assert-SameUsers (Get-ConnectUser -InstanceId $I1.Id -LastName 'S*' -FirstName 'Jane' -EndpointUrl $Url) $want
    }

    It '-RoutingProfileId' {
        $rp = $U0.RoutingProfileId
        Assert-SameUsers (Get-ConnectUser -InstanceId $I1.Id -RoutingProfileId $rp -EndpointUrl $Url) ($Users1 | Where-Object RoutingProfileId -EQ $rp)
    }

    It '-SecurityProfileId' {
        $sp = $U1.SecurityProfileIds[0]
        Assert-SameUsers (Get-ConnectUser -InstanceId $I1.Id -SecurityProfileId $sp -EndpointUrl $Url) ($Users1 | Where-Object { $_.SecurityProfileIds -contains $sp })
    }

    It '-HierarchyGroupId' {
        $hg = ($Users1 | Where-Object HierarchyGroupId | Select-Object -First 1).HierarchyGroupId
        Assert-SameUsers (Get-ConnectUser -InstanceId $I1.Id -HierarchyGroupId $hg -EndpointUrl $Url) ($Users1 | Where-Object HierarchyGroupId -EQ $hg)
    }

    It '-Tag with one and with two keys' {
        Assert-SameUsers (Get-ConnectUser -InstanceId $I1.Id -Tag @{ Department = 'Sales' } -EndpointUrl $Url) ($Users1 | Where-Object { $_.Tags.Department -eq 'Sales' })
        $want = @($Users1 | Where-Object { $_.Tags.Department -eq 'Billing' -and $_.Tags.CostCenter -eq 'CC-1002' })
        Assert-SameUsers (Get-ConnectUser -InstanceId $I1.Id -Tag @{ Department = 'Billing'; CostCenter = 'CC-1002' } -EndpointUrl $Url) $want
    }

    It '-Summary emits ConnectUserSummary objects from SearchUsers alone (no Email, no DescribeUser)' {
        $got = @(Get-ConnectUser -InstanceId $I1.Id -Summary -EndpointUrl $Url)
        Assert-SameUsers $got $Users1
        $got | ForEach-Object { $_ | Should -BeOfType ([ConnectTools.ConnectUserSummary]) }
        $got[0].PSObject.Properties['Email'] | Should -BeNullOrEmpty
        $got[0].IdentityInfo.PSObject.Properties['Email'] | Should -BeNullOrEmpty
        ($got | Where-Object UserId -EQ $U0.Id).Username | Should -Be $U0.Username
        $stats = Get-EmulatorStats $Emu
        $stats.Operations.DescribeUser.Requests | Should -Be 0
        $stats.Operations.SearchUsers.Requests | Should -Be 2
    }

    It '-Summary with a filter' {
        $got = @(Get-ConnectUser -InstanceId $I1.Id -Summary -Username 'mia*' -EndpointUrl $Url)
        Assert-SameUsers $got ($Users1 | Where-Object Username -Like 'mia*')
        $got[0] | Should -BeOfType ([ConnectTools.ConnectUserSummary])
    }

    It '-NoAutoIteration (alias -NoPaginate) reads one SearchUsers page of 500' {
        $got = @(Get-ConnectUser -InstanceId $I1.Id -Summary -NoAutoIteration -EndpointUrl $Url)
        $got.Count | Should -Be 500
        (Get-EmulatorStats $Emu).Operations.SearchUsers.Requests | Should -Be 1
        @(Get-ConnectUser -InstanceId $I1.Id -Summary -NoPaginate -EndpointUrl $Url).Count | Should -Be 500
    }

    It 'a missing instance gives one ConnectInstanceNotFound error' {
        $missing = '00000000-0000-4000-8000-00000000abcd'
        $r = Invoke-Captured { Get-ConnectUser -InstanceId $missing -EndpointUrl $Url }
        $err = @($r.Errors) + @($r.Terminating | Where-Object { $_ })
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ConnectInstanceNotFound,ConnectTools.Commands.GetConnectUserCommand'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err[0].TargetObject | Should -Be $missing
    }
}

Describe 'Get-ConnectUser, ById parameter set' {
    BeforeEach { Reset-EmulatorStats $Emu }

    It '-InstanceId and -UserId (positions 0 and 1) describe just those users' {
        $got = @(Get-ConnectUser $I1.Id $U0.Id, $U1.Id -EndpointUrl $Url)
        @($got.UserId) | Should -Be @($U0.Id, $U1.Id)
        $got[0].Username | Should -Be $U0.Username
        $got[0].IdentityInfo.Email | Should -Be $U0.Email
        $got[0].Arn | Should -Be $U0.Arn
        $stats = Get-EmulatorStats $Emu
        $stats.Operations.DescribeUser.Requests | Should -Be 2
        $stats.Operations.SearchUsers.Requests + $stats.Operations.ListUsers.Requests | Should -Be 0
    }

    It 'found and not-found user ids: the found users and exactly one ObjectNotFound error per missing id' {
        $missing1 = '11111111-0000-4000-8000-000000000001'
        $missing2 = '11111111-0000-4000-8000-000000000002'
        $r = Invoke-Captured { Get-ConnectUser -InstanceId $I1.Id -UserId $U0.Id, $missing1, $U1.Id, $missing2 -EndpointUrl $Url }
        $r.Terminating | Should -BeNullOrEmpty
        @($r.Output.UserId | Sort-Object) | Should -Be @($U0.Id, $U1.Id | Sort-Object)
        $r.Errors.Count | Should -Be 2
        foreach ($e in $r.Errors) {
            $e.FullyQualifiedErrorId | Should -Be 'ConnectUserNotFound,ConnectTools.Commands.GetConnectUserCommand'
            $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $e.ToString() | Should -Match ([regex]::Escape($e.TargetObject))
        }
        @($r.Errors.TargetObject | Sort-Object) | Should -Be @($missing1, $missing2)
    }

    It 'a user ARN to -UserId needs no -InstanceId' {
        $got = @(Get-ConnectUser -UserId $U2.Arn -EndpointUrl $Url)
        $got.Count | Should -Be 1
        $got[0].UserId | Should -Be $U2.Id
        $got[0].InstanceId | Should -Be $I1.Id
    }

    It 'a user ARN to -UserId with the matching -InstanceId (id or ARN)' {
        (Get-ConnectUser -InstanceId $I1.Id -UserId $U2.Arn -EndpointUrl $Url).UserId | Should -Be $U2.Id
        (Get-ConnectUser -InstanceId $I1.Arn -UserId $U2.Arn -EndpointUrl $Url).UserId | Should -Be $U2.Id
    }

    It 'an instance ARN to -InstanceId with a user id' {
        (Get-ConnectUser -InstanceId $I1.Arn -UserId $U2.Id -EndpointUrl $Url).UserId | Should -Be $U2.Id
    }

    It 'a user ARN whose instance differs from -InstanceId is refused before any request' {
        $r = Invoke-Captured { Get-ConnectUser -InstanceId $I2.Id -UserId $U0.Arn -EndpointUrl $Url }
        $err = @($r.Errors) + @($r.Terminating | Where-Object { $_ })
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ConnectInvalidArgument,ConnectTools.Commands.GetConnectUserCommand'
        $err[0].ToString() | Should -Match ([regex]::Escape($I2.Id))
        $r.Output.Count | Should -Be 0
        (Get-EmulatorStats $Emu).TotalRequests | Should -Be 0
    }

    It 'a user ARN whose Region conflicts with -Region is refused before any request' {
        $r = Invoke-Captured { Get-ConnectUser -UserId $U0.Arn -Region 'ap-southeast-2' -EndpointUrl $Url }
        $err = @($r.Errors) + @($r.Terminating | Where-Object { $_ })
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ConnectInvalidArgument,ConnectTools.Commands.GetConnectUserCommand'
        $err[0].ToString() | Should -Match 'ap-southeast-2'
        (Get-EmulatorStats $Emu).TotalRequests | Should -Be 0
    }

    It '-ThrottleLimit bounds the DescribeUser calls in flight' {
        $ids = @($Users1 | Select-Object -First 24 | ForEach-Object Id)
        $null = Set-EmulatorOption $Emu @{ LatencyMs = 60 }
        try {
            Reset-EmulatorStats $Emu
            @(Get-ConnectUser -InstanceId $I1.Id -UserId $ids -ThrottleLimit 2 -EndpointUrl $Url).Count | Should -Be 24
            (Get-EmulatorStats $Emu).MaxConcurrentRequests | Should -BeLessOrEqual 2
            Reset-EmulatorStats $Emu
            @(Get-ConnectUser -InstanceId $I1.Id -UserId $ids -ThrottleLimit 8 -EndpointUrl $Url).Count | Should -Be 24
            (Get-EmulatorStats $Emu).MaxConcurrentRequests | Should -BeGreaterThan 2 -Because 'a higher -ThrottleLimit must allow more calls at once'
            Reset-EmulatorStats $Emu
            @(Get-ConnectUser -InstanceId $I1.Id -Username 'mia*' -ThrottleLimit 1 -EndpointUrl $Url).Count | Should -BeGreaterThan 1
            (Get-EmulatorStats $Emu).MaxConcurrentRequests | Should -BeLessOrEqual 2   # one DescribeUser + at most one SearchUsers page
        }
        finally {
            $null = Set-EmulatorOption $Emu @{ LatencyMs = 0 }
        }
    }
}

Describe 'Get-ConnectUser pipeline input' {
    It 'Get-ConnectInstance | Get-ConnectUser binds InstanceId by property name' {
        $got = @(Get-ConnectInstance -EndpointUrl $Url | Get-ConnectUser -Username 'mia*' -EndpointUrl $Url)
        $want = @($Emu.Data.Instances | ForEach-Object { $_.Users } | Where-Object Username -Like 'mia*')
        Assert-SameUsers $got $want
        @($got.InstanceId | Sort-Object -Unique) | Should -Be @($I1.Id, $I2.Id | Sort-Object)
    }

    It 'the whole admin pipeline: Get-ConnectInstance | Get-ConnectUser | Where-Object RoutingProfileId -eq ... | Format-Table' {
        $rp = $I1.Users[0].RoutingProfileId
        $want = @($Emu.Data.Instances | ForEach-Object { $_.Users } | Where-Object RoutingProfileId -EQ $rp)
        $text = Get-ConnectInstance -EndpointUrl $Url | Get-ConnectUser -EndpointUrl $Url | Where-Object RoutingProfileId -EQ $rp |
            Format-Table | Out-String -Width 120
        $text | Should -Match 'Username\s+FullName\s+Email\s+RoutingProfileId'
        foreach ($u in $want) { $text | Should -Match ([regex]::Escape($u.Username)) }
        ([regex]::Matches($text, [regex]::Escape($rp))).Count | Should -Be $want.Count
    }

    It 'ConnectUser objects piped back into Get-ConnectUser describe the same users' {
        $first = @(Get-ConnectUser -InstanceId $I1.Id -Username 'omar*' -EndpointUrl $Url | Select-Object -First 2)
        $first.Count | Should -Be 2
        Reset-EmulatorStats $Emu
        $again = @($first | Get-ConnectUser -EndpointUrl $Url)
        @($again.UserId) | Should -Be @($first.UserId)
        (Get-EmulatorStats $Emu).Operations.DescribeUser.Requests | Should -Be $first.Count
    }

    It 'summaries piped into Get-ConnectUser give full users' {
        $summaries = @(Get-ConnectUser -InstanceId $I2.Id -Summary -Username 'kenji*' -EndpointUrl $Url | Select-Object -First 2)
        $summaries.Count | Should -Be 2
        $full = @($summaries | Get-ConnectUser -EndpointUrl $Url)
        @($full.UserId) | Should -Be @($summaries.UserId)
        $full[0] | Should -BeOfType ([ConnectTools.ConnectUser])
        $full[0].IdentityInfo.Email | Should -Not -BeNullOrEmpty
    }

    It 'a CSV of InstanceId,UserId (Export-Csv, Import-Csv) piped in' {
        $csv = Join-Path $TestDrive 'users.csv'
        $rows = @($I1.Users[10], $I2.Users[20], $I1.Users[30]) | ForEach-Object { [pscustomobject]@{ InstanceId = $_.InstanceId; UserId = $_.Id; Note = 'x' } }
        $rows | Export-Csv -LiteralPath $csv -NoTypeInformation
        $got = @(Import-Csv -LiteralPath $csv | Get-ConnectUser -EndpointUrl $Url)
        @($got.UserId) | Should -Be @($rows.UserId)
        @($got.InstanceId) | Should -Be @($rows.InstanceId)
    }

    It 'ids piped one record at a time are described concurrently, -ThrottleLimit at once, and come out in input order' {
        $rows = @($I1.Users[100..139]) + @($I2.Users[100..119]) | ForEach-Object { [pscustomobject]@{ InstanceId = $_.InstanceId; UserId = $_.Id } }
        # The first 16 DescribeUser calls are held at the emulator until all 16 have arrived: only a cmdlet with 16
        # calls in flight at once gets them past it (one at a time, each would wait out the 20 s safety limit).
        Reset-EmulatorStats $Emu
        Add-EmulatorFault $Emu @{ Operation = 'DescribeUser'; Kind = 'Barrier'; Count = 16; DelayMs = 20000 }
        try {
            $got = @($rows | Get-ConnectUser -EndpointUrl $Url -ThrottleLimit 16)
        }
        finally {
            Clear-EmulatorFault $Emu
        }
        @($got.UserId) | Should -Be @($rows.UserId)
        $stats = Get-EmulatorStats $Emu
        $stats.MaxConcurrentRequests | Should -Be 16 -Because 'the 16 held calls were all in flight at once, and -ThrottleLimit 16 allows no more'
        $stats.Operations.DescribeUser.Requests | Should -Be 60
        $stats.Operations.DescribeUser.ResponsesByStatus.'200' | Should -Be 60
    }

    It 'JSON (ConvertTo-Json, ConvertFrom-Json) piped in' {
        $json = @($I2.Users[1], $I2.Users[2]) | ForEach-Object { [pscustomobject]@{ InstanceId = $I2.Id; UserId = $_.Id } } | ConvertTo-Json
        $got = @($json | ConvertFrom-Json | Get-ConnectUser -EndpointUrl $Url)
        @($got.UserId) | Should -Be @($I2.Users[1].Id, $I2.Users[2].Id)
    }

    It 'user ARNs piped by property name (UserId only)' {
        $got = @([pscustomobject]@{ UserId = $U0.Arn }, [pscustomobject]@{ UserId = $I2.Users[3].Arn } | Get-ConnectUser -EndpointUrl $Url)
        @($got.UserId) | Should -Be @($U0.Id, $I2.Users[3].Id)
        @($got.InstanceId) | Should -Be @($I1.Id, $I2.Id)
    }
}

Describe 'Get-ConnectUser format views' {
    It 'the default table has Username, FullName, Email, RoutingProfileId at 120 columns (and PhoneType when wider)' {
        $text = Get-ConnectUser -InstanceId $I1.Id -UserId $U0.Id, $U1.Id -EndpointUrl $Url | Out-String -Width 120
        foreach ($h in 'Username', 'FullName', 'Email', 'RoutingProfileId') { $text | Should -Match "\b$h\b" }
        Get-ConnectUser -InstanceId $I1.Id -UserId $U0.Id -EndpointUrl $Url | Out-String -Width 140 | Should -Match '\bPhoneType\b'
        $text | Should -Match ([regex]::Escape($U0.Username))
        $text | Should -Match ([regex]::Escape($U0.Email))
        $text | Should -Match ([regex]::Escape($U0.RoutingProfileId))
        $text | Should -Match ([regex]::Escape("$($U0.FirstName) $($U0.LastName)"))
    }

    It 'Format-List shows the full user' {
        $text = Get-ConnectUser -InstanceId $I1.Id -UserId $U0.Id -EndpointUrl $Url | Format-List | Out-String -Width 250
        $text | Should -Match ('Username\s+: ' + [regex]::Escape($U0.Username))
        $text | Should -Match ('Email\s+: ' + [regex]::Escape($U0.Email))
        $text | Should -Match ('UserId\s+: ' + [regex]::Escape($U0.Id))
        $text | Should -Match ('InstanceId\s+: ' + [regex]::Escape($I1.Id))
        $text | Should -Match 'SecurityProfileIds\s+: \S'
        $text | Should -Match 'Tags\s+: .*Department='
    }

    It 'Format-Table -View Ids' {
        $text = Get-ConnectUser -InstanceId $I1.Id -UserId $U0.Id -EndpointUrl $Url | Format-Table -View Ids | Out-String -Width 200
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^Username\s+UserId\s+Region\s+InstanceId\s*$'
        $text | Should -Match ([regex]::Escape($U0.Id))
        $text | Should -Match ([regex]::Escape($I1.Id))
    }

    It 'Format-Table -View Routing' {
        $text = Get-ConnectUser -InstanceId $I1.Id -UserId $U0.Id -EndpointUrl $Url | Format-Table -View Routing | Out-String -Width 200
        $text | Should -Match 'RoutingProfileId\s+SecurityProfiles\s+HierarchyGroupId'
    }

    It 'the summary table view' {
        $text = Get-ConnectUser -InstanceId $I1.Id -Summary -Username $U0.Username -EndpointUrl $Url | Out-String -Width 140
        $text | Should -Match 'Username\s+FullName\s+RoutingProfileId\s+HierarchyGroupId\s+PhoneType'
        $text | Should -Match ([regex]::Escape($U0.Username))
    }
}
