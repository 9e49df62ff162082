// Boost.JSON and Boost.URL are compiled once, here, instead of linking their libraries.
#include <boost/json/src.hpp>
#include <boost/url/src.hpp>
