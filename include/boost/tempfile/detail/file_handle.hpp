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
//
// The stream, once made, lives as long as the handle object (a move takes it
// along: its address never changes), so that a reference to it never
// dangles while its owner lives. Closing or handing over the descriptor
// detaches it: it stays, with badbit set, and every later operation fails
// without touching any descriptor. Asked for when there is no open file
// (closed, released, moved from, never made), a stream is made detached.
//
// The handle remembers the fork generation it was made in. In a forked child
// the descriptor is still the child's to close, but the stream's buffered
// data is the parent's: closing there drops it unwritten (writing it would
// put the parent's bytes into the shared file twice), and a stream asked for
// there is born bad (see fd_stream.hpp).

#include <boost/tempfile/platform.hpp>
#include <boost/tempfile/detail/config.hpp>
#include <boost/tempfile/detail/error.hpp>
#include <boost/tempfile/detail/fd_stream.hpp>
#include <boost/tempfile/detail/file_ops.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/detail/process.hpp>
#include <boost/tempfile/unique_handle.hpp>

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
    explicit file_handle(handle_type fd) noexcept : fd_(fd), generation_(fork_generation()) {}

    file_handle(file_handle&& other) noexcept
        : fd_(other.fd_), generation_(other.generation_), stream_(std::move(other.stream_))
    {
        other.fd_ = handle_type_of< Platform >::invalid();
    }

    file_handle& operator=(file_handle&& other) noexcept
    {
        if (this != &other)
        {
            close_quietly();
            fd_ = other.fd_;
            generation_ = other.generation_;
            stream_ = std::move(other.stream_);
            other.fd_ = handle_type_of< Platform >::invalid();
        }
        return *this;
    }

    ~file_handle() { close_quietly(); }

    bool is_open() const noexcept { return fd_ != handle_type_of< Platform >::invalid(); }

    //! The descriptor as it is, nothing written out.
    handle_type native() const noexcept { return fd_; }

    //! Whether the descriptor was inherited through fork() (this process is
    //! not the one that opened it).
    bool inherited() const noexcept { return generation_ != fork_generation(); }

    //! The descriptor with the stream's buffer written out and its position
    //! made the descriptor's, so raw I/O and the stream agree; a failed write
    //! is only kept for close(). In a forked child, the descriptor alone.
    handle_type synced_fd()
    {
        if (stream_ && is_open() && !inherited())
            stream_->buffer().pubsync();
        return fd_;
    }

    //! Writes out what the stream buffers now. The error of that write (the
    //! stream is then bad and the data dropped), 0 if none. Not in a forked
    //! child.
    int write_out() { return stream_ && is_open() ? stream_->write_out() : 0; }

    //! The descriptor after write_out(); `e` is the error of that write, 0
    //! if none. In a forked child the descriptor alone, nothing written.
    handle_type written_fd(int& e)
    {
        e = inherited() ? 0 : write_out();
        return fd_;
    }

    //! native_handle() of the owners: the handle after write_out(). Throws
    //! filesystem_error naming `p` if that write fails (the stream is then
    //! bad, its data dropped). In a forked child the handle alone.
    handle_type written_fd(const char* who, const filesystem::path& p)
    {
        int e = 0;
        const handle_type h = written_fd(e);
        if (e != 0)
            report(errno_code(e), std::string(who) + "::native_handle: cannot write out what the stream buffers", p,
                   nullptr);
        return h;
    }

    //! duplicate_handle() of the owners: a second handle on the open file,
    //! owned by the caller, after the stream is written out (both handles
    //! then share one position, the stream's). Reports (naming `p`) a closed
    //! file, a failed write-out, a failed dup. In a forked child nothing is
    //! written out.
    unique_handle duplicate(const char* who, const filesystem::path& p, system::error_code* ec)
    {
        const std::string what = std::string(who) + "::duplicate_handle";
        if (!is_open())
        {
            report(errc_code(system::errc::bad_file_descriptor), what + ": the file is closed", p, ec);
            return unique_handle();
        }
        int e = 0;
        written_fd(e);
        if (e != 0)
        {
            report(errno_code(e), what + ": cannot write out what the stream buffers", p, ec);
            return unique_handle();
        }
        const handle_type d = detail::duplicate(Platform{}, fd_, e);
        if (d == handle_type_of< Platform >::invalid())
        {
            report(errno_code(e), what, p, ec);
            return unique_handle();
        }
        clear(ec);
        return unique_handle(d);
    }

    //! open_stdio() of the owners: a C stream (fdopen, _fdopen) over a
    //! duplicate of the handle, in `mode`, owned by the caller.
    unique_stdio_file open_stdio(const char* mode, const char* who, const filesystem::path& p, system::error_code* ec)
    {
        unique_handle d = duplicate(who, p, ec);
        if (!d)
            return unique_stdio_file();
        int e = 0;
        std::FILE* f = open_stdio_over(Platform{}, d.release(), mode, e); // owns the duplicate, even on failure
        if (!f)
        {
            report(errno_code(e),
                   std::string(who) + "::open_stdio: cannot open a C stream over the handle in mode \"" + mode + "\"",
                   p, ec);
            return unique_stdio_file();
        }
        clear(ec);
        return unique_stdio_file(f);
    }

    //! The error of the first write through the stream that failed (its data
    //! is not in the file), 0 if none.
    int lost_write() const noexcept { return stream_ ? stream_->buffer().lost_write() : 0; }

    //! Before the file is published or handed over: writes out what the
    //! stream buffers and returns the error of that write or, failing that,
    //! of an earlier write whose data was dropped; 0 when the file holds
    //! everything written through the stream. After an error the stream is bad.
    int write_out_everything()
    {
        const int e = write_out();
        if (e != 0)
            return e;
        const int lost = lost_write();
        if (lost != 0)
            stream_->mark_bad();
        return lost;
    }

    //! The stream over the descriptor, made on first use. In a forked child
    //! it is bad (badbit) and never touches the descriptor; with no open
    //! descriptor it is bad and detached. Throws only bad_alloc.
    std::iostream& stream()
    {
        if (!stream_)
        {
            stream_.reset(new fd_stream< Platform >(fd_, generation_));
            if (!is_open())
                stream_->detach();
        }
        else if (inherited() || !is_open())
            stream_->mark_bad();
        return *stream_;
    }

    //! Writes out the stream and closes. Returns the first error met (a
    //! failed write of buffered data, a failed close), 0 if none: an errno
    //! value on POSIX, a Win32 code on Windows. In a forked child it writes
    //! nothing (the buffered data is the parent's) and only closes.
    int close()
    {
        if (!is_open())
            return 0;
        int e = 0;
        if (stream_)
        {
            e = stream_->sync_and_error(); // 0, writing nothing, in a forked child
            stream_->detach();
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

    //! Gives up the descriptor, stream written out first (and detached).
    handle_type release()
    {
        const handle_type fd = synced_fd();
        if (stream_)
            stream_->detach();
        fd_ = handle_type_of< Platform >::invalid();
        return fd;
    }

    void swap(file_handle& other) noexcept
    {
        std::swap(fd_, other.fd_);
        std::swap(generation_, other.generation_);
        stream_.swap(other.stream_);
    }

private:
    void close_open_quietly() noexcept
    {
        if (stream_)
        {
            if (inherited())
                stream_->buffer().discard(); // the parent's data: never written from here
            else
            {
                BOOST_TRY
                {
                    stream_->buffer().pubsync();
                }
                BOOST_CATCH(...)
                {
                }
                BOOST_CATCH_END
            }
            stream_->detach();
        }
        close_fd(Platform{}, fd_);
        fd_ = handle_type_of< Platform >::invalid();
    }

    handle_type fd_ = handle_type_of< Platform >::invalid();
    unsigned generation_ = 0;
    std::unique_ptr< fd_stream< Platform > > stream_;
};

// Compiled once in libs/tempfile with BOOST_TEMPFILE_SEPARATE_COMPILATION.
BOOST_TEMPFILE_EXTERN_TEMPLATE(class, file_handle< native_platform >)

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
