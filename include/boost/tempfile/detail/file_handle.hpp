// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_FILE_HANDLE_HPP
#define BOOST_TEMPFILE_DETAIL_FILE_HANDLE_HPP
#pragma once

// The open half of a temporary file: the descriptor and the stream made over
// it on first use (so owners that never ask for a stream pay nothing for
// one). Shared by named and anonymous files, on every platform: the handle
// is the platform's native_handle_type (a descriptor, or a Windows HANDLE).

#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/fd_stream.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>

#include <boost/filesystem/path.hpp>
#include <boost/core/no_exceptions_support.hpp>

#include <iostream>
#include <memory>
#include <string>
#include <utility>

namespace boost {
namespace tempfile {
namespace detail {

template< typename Platform >
class file_handle
{
public:
    using handle_type = typename handle_type_of< Platform >::type;

    file_handle() noexcept = default;
    explicit file_handle(handle_type fd) noexcept : fd_(fd) {}

    file_handle(file_handle&& other) noexcept : fd_(other.fd_), stream_(std::move(other.stream_))
    {
        other.fd_ = handle_type_of< Platform >::invalid();
    }

    file_handle& operator=(file_handle&& other) noexcept
    {
        if (this != &other)
        {
            close_quietly();
            fd_ = other.fd_;
            stream_ = std::move(other.stream_);
            other.fd_ = handle_type_of< Platform >::invalid();
        }
        return *this;
    }

    ~file_handle() { close_quietly(); }

    bool is_open() const noexcept { return fd_ != handle_type_of< Platform >::invalid(); }

    //! The descriptor with the stream's buffer written out and its position
    //! made the descriptor's, so raw I/O and the stream agree.
    handle_type synced_fd()
    {
        if (stream_)
            stream_->buffer().pubsync();
        return fd_;
    }

    //! Writes out the stream's buffer before the file is published or handed
    //! over: 0, or the first error the stream met (errno on POSIX, a Win32 code
    //! on Windows), and then the stream is marked bad -- also when the caller
    //! had cleared the state after an earlier failed write. A stream asked to
    //! throw on badbit does not throw from here.
    int write_out()
    {
        if (!stream_)
            return 0;
        const int e = stream_->sync_and_error();
        if (e != 0)
        {
            BOOST_TRY
            {
                stream_->setstate(std::ios_base::badbit);
            }
            BOOST_CATCH(...)
            {
            }
            BOOST_CATCH_END
        }
        return e;
    }

    std::iostream& stream(const char* who, const filesystem::path& p)
    {
        if (!is_open())
            report(errc_code(system::errc::bad_file_descriptor), std::string(who) + "::stream: the file is closed", p,
                   nullptr);
        if (!stream_)
            stream_.reset(new fd_stream< Platform >(fd_));
        return *stream_;
    }

    //! Writes out the stream and closes. Returns the first error met (a
    //! failed write of buffered data, a failed close), 0 if none: an errno
    //! value on POSIX, a Win32 code on Windows.
    int close()
    {
        if (!is_open())
            return 0;
        int e = 0;
        if (stream_)
        {
            e = stream_->sync_and_error();
            stream_.reset();
        }
        if (close_fd(Platform{}, fd_) != 0 && e == 0 && errno != EINTR)
            e = last_error(Platform{}); // after EINTR Linux has closed it all the same
        fd_ = handle_type_of< Platform >::invalid();
        return e;
    }

    void close_quietly() noexcept
    {
        if (is_open())
            close_open_quietly(); // out of line: the common destructor stays small
    }

    //! Gives up the descriptor, stream written out first.
    handle_type release()
    {
        const handle_type fd = synced_fd();
        stream_.reset();
        fd_ = handle_type_of< Platform >::invalid();
        return fd;
    }

    void swap(file_handle& other) noexcept
    {
        std::swap(fd_, other.fd_);
        stream_.swap(other.stream_);
    }

private:
    void close_open_quietly() noexcept
    {
        if (stream_)
        {
            BOOST_TRY
            {
                stream_->buffer().pubsync();
            }
            BOOST_CATCH(...)
            {
            }
            BOOST_CATCH_END
            stream_.reset();
        }
        close_fd(Platform{}, fd_);
        fd_ = handle_type_of< Platform >::invalid();
    }

    handle_type fd_ = handle_type_of< Platform >::invalid();
    std::unique_ptr< fd_stream< Platform > > stream_;
};

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
