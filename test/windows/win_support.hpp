// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Helpers shared by the Windows tests (run under wine in CI, and on Windows).

#ifndef BOOST_TEMPFILE_TEST_WINDOWS_WIN_SUPPORT_HPP
#define BOOST_TEMPFILE_TEST_WINDOWS_WIN_SUPPORT_HPP

#include <boost/filesystem/fstream.hpp>
#include <boost/filesystem/operations.hpp>
#include <boost/filesystem/path.hpp>

#include <windows.h>
#include <aclapi.h>
#include <sddl.h>

#include <iterator>
#include <string>
#include <vector>

namespace win_support {

namespace fs = boost::filesystem;

// Through CreateFileW, not fs::ifstream: with libstdc++ Boost.Filesystem's
// streams open the narrow (ANSI code page) name, which loses non-ASCII names.
inline std::string file_contents(const fs::path& p)
{
    HANDLE h = ::CreateFileW(p.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                             OPEN_EXISTING, 0, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return "<cannot open>";
    std::string out;
    char buf[4096];
    DWORD got = 0;
    while (::ReadFile(h, buf, sizeof buf, &got, nullptr) && got > 0)
        out.append(buf, got);
    ::CloseHandle(h);
    return out;
}

inline void write_file(const fs::path& p, const std::string& text)
{
    HANDLE h = ::CreateFileW(p.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, 0, nullptr);
    if (h == INVALID_HANDLE_VALUE)
        return;
    DWORD put = 0;
    ::WriteFile(h, text.data(), static_cast< DWORD >(text.size()), &put, nullptr);
    ::CloseHandle(h);
}

//! What a plain C++ program does: std::ifstream (narrow name, CRT sharing
//! without FILE_SHARE_DELETE).
inline std::string ifstream_contents(const fs::path& p)
{
    fs::ifstream in(p, std::ios::binary);
    if (!in)
        return "<cannot open>";
    return std::string(std::istreambuf_iterator< char >(in), std::istreambuf_iterator< char >());
}

inline bool present(const fs::path& p)
{
    return ::GetFileAttributesW(p.c_str()) != INVALID_FILE_ATTRIBUTES;
}

//! Names in a directory (without "." and "..").
inline std::vector< std::wstring > list(const fs::path& dir)
{
    std::vector< std::wstring > names;
    WIN32_FIND_DATAW data;
    HANDLE find = ::FindFirstFileW((dir / L"*").c_str(), &data);
    if (find == INVALID_HANDLE_VALUE)
        return names;
    do
    {
        std::wstring n = data.cFileName;
        if (n != L"." && n != L"..")
            names.push_back(n);
    } while (::FindNextFileW(find, &data));
    ::FindClose(find);
    return names;
}

//! A directory of its own for a test, removed (by Boost.Filesystem) at the end.
struct scratch_dir
{
    fs::path path;
    scratch_dir()
    {
        path = fs::temp_directory_path() / fs::unique_path(L"tf-win-test-%%%%-%%%%-%%%%");
        fs::create_directories(path);
    }
    ~scratch_dir()
    {
        boost::system::error_code ec;
        fs::remove_all(path, ec);
    }
};

//! The current user's SID as a string (S-1-5-...).
inline std::wstring current_user_sid()
{
    HANDLE token = nullptr;
    if (!::OpenProcessToken(::GetCurrentProcess(), TOKEN_QUERY, &token))
        return L"";
    DWORD size = 0;
    ::GetTokenInformation(token, TokenUser, nullptr, 0, &size);
    std::vector< unsigned char > buf(size);
    std::wstring result;
    if (::GetTokenInformation(token, TokenUser, buf.data(), size, &size))
    {
        LPWSTR s = nullptr;
        if (::ConvertSidToStringSidW(reinterpret_cast< TOKEN_USER* >(buf.data())->User.Sid, &s))
        {
            result = s;
            ::LocalFree(s);
        }
    }
    ::CloseHandle(token);
    return result;
}

//! The DACL of a file or directory as SDDL ("D:P(A;;FA;;;S-1-5-...)").
inline std::wstring dacl_sddl(const fs::path& p)
{
    PSECURITY_DESCRIPTOR sd = nullptr;
    if (::GetNamedSecurityInfoW(p.c_str(), SE_FILE_OBJECT, DACL_SECURITY_INFORMATION, nullptr, nullptr, nullptr,
                                nullptr, &sd) != ERROR_SUCCESS)
        return L"<GetNamedSecurityInfoW failed>";
    LPWSTR s = nullptr;
    std::wstring result = L"<conversion failed>";
    if (::ConvertSecurityDescriptorToStringSecurityDescriptorW(sd, SDDL_REVISION_1, DACL_SECURITY_INFORMATION, &s,
                                                               nullptr))
    {
        result = s;
        ::LocalFree(s);
    }
    ::LocalFree(sd);
    return result;
}

//! Whether the program runs under wine (ntdll exports wine_get_version).
inline bool under_wine()
{
    HMODULE ntdll = ::GetModuleHandleW(L"ntdll.dll");
    return ntdll && ::GetProcAddress(ntdll, "wine_get_version") != nullptr;
}

inline std::string narrow(const std::wstring& w)
{
    std::string out;
    for (wchar_t c : w)
        out += c < 128 ? static_cast< char >(c) : '?';
    return out;
}

} // namespace win_support

#endif
