// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

#ifndef BOOST_TEMPFILE_DETAIL_FD_STREAM_HPP
#define BOOST_TEMPFILE_DETAIL_FD_STREAM_HPP
#pragma once

// A std::iostream over a descriptor the owner keeps. One buffer serves
// either reading or writing at a time; switching direction, seeking and
// sync() put the descriptor's offset back where the stream's position is, so
// raw I/O on the descriptor after a sync() sees what the stream sees. The
// first failing system call's error (errno on POSIX, GetLastError() on
// Windows) is kept for close(ec) to report. The platform's native handle is
// used directly (a descriptor, or a HANDLE through ReadFile/WriteFile).

#include <boost/tempfile/detail/eintr.hpp>
#include <boost/tempfile/detail/policy_checks.hpp>
#include <boost/tempfile/platform.hpp>
#if defined(BOOST_TEMPFILE_WINDOWS)
#include <boost/tempfile/detail/windows/sys.hpp>
#else
#include <boost/tempfile/detail/posix/sys.hpp>
#endif

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ios>
#include <istream>
#include <memory>
#include <streambuf>

namespace boost {
namespace tempfile {
namespace detail {

template< typename Platform >
class fd_streambuf : public std::streambuf
{
public:
    static constexpr std::size_t buffer_size = 8192;
    using handle_type = typename handle_type_of< Platform >::type;

    explicit fd_streambuf(handle_type fd) noexcept : fd_(fd) {}

    //! Error (errno, or a Win32 code) of the first failed read, write or seek; 0 if none.
    int error() const noexcept { return error_; }

protected:
    int_type overflow(int_type ch) override
    {
        if (!to_writing())
            return traits_type::eof();
        if (pptr() == epptr() && !flush_put_area())
            return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof()))
        {
            *pptr() = traits_type::to_char_type(ch);
            pbump(1);
        }
        return traits_type::not_eof(ch);
    }

    std::streamsize xsputn(const char* s, std::streamsize n) override
    {
        // Large writes skip the buffer: one copy fewer, fewer system calls.
        if (n < static_cast< std::streamsize >(buffer_size))
            return std::streambuf::xsputn(s, n);
        if (!to_writing() || !flush_put_area())
            return 0;
        return write_all(s, static_cast< std::size_t >(n));
    }

    int_type underflow() override
    {
        if (mode_ == mode::writing && !flush_put_area())
            return traits_type::eof();
        if (!buffer_ && !allocate())
            return traits_type::eof();
        mode_ = mode::reading;
        setp(nullptr, nullptr);
        for (eintr_budget interrupted;;)
        {
            const auto n = read_fd(Platform{}, fd_, buffer_.get(), buffer_size);
            if (n < 0 && interrupted.retry())
                continue;
            if (n < 0)
            {
                remember(last_error(Platform{}));
                setg(nullptr, nullptr, nullptr);
                return traits_type::eof();
            }
            setg(buffer_.get(), buffer_.get(), buffer_.get() + n);
            return n == 0 ? traits_type::eof() : traits_type::to_int_type(*gptr());
        }
    }

    //! unget()/putback() past the start of what is buffered: step the
    //! descriptor back one byte and read again. Putting back a different
    //! character than the file holds fails and leaves the position alone.
    int_type pbackfail(int_type ch) override
    {
        if (gptr() > eback())
        {
            if (!traits_type::eq_int_type(ch, traits_type::eof()))
                return traits_type::eof(); // differs from what was read
            gbump(-1);
            return traits_type::not_eof(ch);
        }
        if (mode_ == mode::writing && !flush_put_area())
            return traits_type::eof();
        if (!drop_get_area())
            return traits_type::eof();
        if (seek_fd(Platform{}, fd_, -1, SEEK_CUR) < 0)
            return traits_type::eof(); // at the start of the file: nothing to step back to
        const int_type there = underflow();
        if (traits_type::eq_int_type(there, traits_type::eof()))
            return traits_type::eof();
        if (!traits_type::eq_int_type(ch, traits_type::eof()) && !traits_type::eq_int_type(ch, there))
        {
            gbump(1); // back where the caller was
            return traits_type::eof();
        }
        return there;
    }

    int sync() override
    {
        if (mode_ == mode::writing)
            return flush_put_area() ? 0 : -1;
        if (mode_ == mode::reading)
            return drop_get_area() ? 0 : -1;
        return 0;
    }

    pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override
    {
        if (sync() != 0)
            return pos_type(off_type(-1));
        const int whence = dir == std::ios_base::beg ? SEEK_SET : dir == std::ios_base::cur ? SEEK_CUR : SEEK_END;
        const auto r = seek_fd(Platform{}, fd_, off, whence);
        if (r < 0)
        {
            remember(last_error(Platform{}));
            return pos_type(off_type(-1));
        }
        return pos_type(off_type(r));
    }

    pos_type seekpos(pos_type pos, std::ios_base::openmode which) override
    {
        return seekoff(off_type(pos), std::ios_base::beg, which);
    }

private:
    enum class mode { none, reading, writing };

    bool allocate() noexcept
    {
        buffer_.reset(new (std::nothrow) char[buffer_size]);
        if (!buffer_)
            remember(ENOMEM);
        return static_cast< bool >(buffer_);
    }

    bool to_writing()
    {
        if (mode_ == mode::writing)
            return true;
        if (mode_ == mode::reading && !drop_get_area())
            return false;
        if (!buffer_ && !allocate())
            return false;
        mode_ = mode::writing;
        setp(buffer_.get(), buffer_.get() + buffer_size);
        return true;
    }

    bool flush_put_area()
    {
        const std::size_t pending = static_cast< std::size_t >(pptr() - pbase());
        const bool ok = write_all(pbase(), pending) == static_cast< std::streamsize >(pending);
        setp(buffer_.get(), buffer_.get() + buffer_size);
        return ok;
    }

    //! Moves the descriptor back over what was read ahead but not consumed.
    bool drop_get_area()
    {
        const off_type unread = egptr() - gptr();
        setg(nullptr, nullptr, nullptr);
        mode_ = mode::none;
        if (unread == 0)
            return true;
        if (seek_fd(Platform{}, fd_, -unread, SEEK_CUR) < 0)
        {
            remember(last_error(Platform{}));
            return false;
        }
        return true;
    }

    std::streamsize write_all(const char* s, std::size_t n)
    {
        std::size_t done = 0;
        eintr_budget interrupted;
        while (done < n)
        {
            const auto w = write_fd(Platform{}, fd_, s + done, n - done);
            if (w < 0 && interrupted.retry())
                continue;
            if (w <= 0)
            {
                remember(w < 0 ? last_error(Platform{}) : EIO);
                break;
            }
            interrupted.reset();
            done += static_cast< std::size_t >(w);
        }
        return static_cast< std::streamsize >(done);
    }

    void remember(int e) noexcept
    {
        if (error_ == 0)
            error_ = e;
    }

    handle_type fd_;
    int error_ = 0;
    mode mode_ = mode::none;
    std::unique_ptr< char[] > buffer_;
};

template< typename Platform >
struct fd_streambuf_holder
{
    explicit fd_streambuf_holder(typename handle_type_of< Platform >::type fd) noexcept : buf(fd) {}
    fd_streambuf< Platform > buf;
};

//! The stream an owner hands out; the buffer is a base so that it exists
//! before std::iostream is given a pointer to it.
template< typename Platform >
class fd_stream : private fd_streambuf_holder< Platform >, public std::iostream
{
public:
    explicit fd_stream(typename handle_type_of< Platform >::type fd)
        : fd_streambuf_holder< Platform >(fd), std::iostream(&this->buf)
    {
    }

    fd_streambuf< Platform >& buffer() noexcept { return this->buf; }

    //! Writes what is buffered and realigns the descriptor's offset; returns
    //! the first errno the stream met, 0 if none.
    int sync_and_error()
    {
        this->buf.pubsync();
        return this->buf.error();
    }
};

} // namespace detail
} // namespace tempfile
} // namespace boost

#endif
