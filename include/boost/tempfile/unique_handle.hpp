// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_UNIQUE_HANDLE_HPP
#define BOOST_TEMPFILE_UNIQUE_HANDLE_HPP
#pragma once

// Owned raw resources: a native handle (a descriptor, a Windows HANDLE) that
// closes itself, and a C stream (std::FILE*) that does. What the file owners'
// duplicate_handle() and open_stdio() return, so that a second handle on a
// temporary file cannot leak.

#include <boost/tempfile/platform.hpp>
#if defined(BOOST_TEMPFILE_WINDOWS)
#include <boost/tempfile/detail/windows/sys.hpp>
#else
#include <boost/tempfile/detail/posix/sys.hpp>
#endif

#include <cstdio>
#include <memory>
#include <utility>

namespace boost {
namespace tempfile {

//! Owns a native handle and closes it: move-only, as std::unique_ptr.
class unique_handle
{
public:
    //! Owns nothing.
    unique_handle() noexcept = default;

    //! Owns `h` (the invalid handle: nothing).
    explicit unique_handle(native_handle_type h) noexcept : h_(h) {}

    unique_handle(unique_handle&& other) noexcept : h_(other.release()) {}
    unique_handle& operator=(unique_handle&& other) noexcept
    {
        if (this != &other)
            reset(other.release());
        return *this;
    }
    unique_handle(const unique_handle&) = delete;
    unique_handle& operator=(const unique_handle&) = delete;

    //! Closes the handle, if any. Never throws; a failed close is ignored.
    ~unique_handle() { reset(); }

    //! The handle, still owned; the invalid handle when none.
    native_handle_type get() const noexcept { return h_; }

    //! Gives the handle up: the caller closes it now. The object owns nothing.
    [[nodiscard]] native_handle_type release() noexcept
    {
        const native_handle_type h = h_;
        h_ = invalid();
        return h;
    }

    //! Closes the handle owned, if any, and owns `h` instead.
    void reset(native_handle_type h = invalid()) noexcept
    {
        const native_handle_type old = h_;
        h_ = h;
        if (old != invalid() && old != h)
            close_fd(system_platform{}, old);
    }

    //! Whether a handle is owned.
    explicit operator bool() const noexcept { return h_ != invalid(); }

    void swap(unique_handle& other) noexcept { std::swap(h_, other.h_); }
    friend void swap(unique_handle& a, unique_handle& b) noexcept { a.swap(b); }

private:
    static native_handle_type invalid() noexcept { return system_platform::invalid_handle(); }

    native_handle_type h_ = invalid();
};

//! Closes a C stream (std::fclose), for std::unique_ptr.
struct stdio_closer
{
    void operator()(std::FILE* f) const noexcept
    {
        if (f)
            std::fclose(f);
    }
};

//! A C stream that closes itself, and with it the handle it was opened on.
using unique_stdio_file = std::unique_ptr< std::FILE, stdio_closer >;

} // namespace tempfile
} // namespace boost

#endif
