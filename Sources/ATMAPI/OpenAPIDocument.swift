/// The OpenAPI 3.1 description of every route, body, response and error the handler answers.
///
/// Kept as literal text: the handler serves it as is and pays nothing for it until asked.
enum OpenAPIDocument {
    static var json: [UInt8] { Array(text.utf8) }

    private static let text = #"""
        {"openapi":"3.1.0","info":{"title":"ATM service","version":"1.0.0","description":"Balances, deposits and withd\#
        rawals on in-memory accounts. Amounts are strings of digits with up to two decimals; balances are answered wit\#
        h exactly two. Every response carries Connection: close and Cache-Control: no-store."},"servers":[{"url":"/"}]\#
        ,"paths":{"/health":{"get":{"operationId":"health","summary":"Liveness, and the account numbers in byte order.\#
         HEAD is answered too, without a body.","responses":{"200":{"description":"The service and its state daemon ar\#
        e up.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Health"},"example":{"status":"ok"\#
        ,"accounts":["1001","1002"]}}}},"400":{"description":"Malformed HTTP framing (RFC 9112).","content":{"applicat\#
        ion/json":{"schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"malformed request: a bare CR is\#
         not allowed"}}}},"405":{"description":"A known path with a wrong method.","headers":{"Allow":{"schema":{"type\#
        ":"string","example":"GET, HEAD"}}},"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Erro\#
        r"},"example":{"detail":"method not allowed; use GET, HEAD"}}}},"408":{"description":"The whole request did no\#
        t arrive within the deadline (10 s by default).","content":{"application/json":{"schema":{"$ref":"#/components\#
        /schemas/Error"},"example":{"detail":"the request did not arrive in time"}}}},"414":{"description":"The reques\#
        t line is longer than the limit (8 KiB by default).","content":{"application/json":{"schema":{"$ref":"#/compon\#
        ents/schemas/Error"},"example":{"detail":"the request line is longer than 8192 bytes"}}}},"417":{"description"\#
        :"An Expect other than 100-continue.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Er\#
        ror"},"example":{"detail":"only the expectation 100-continue is supported"}}}},"431":{"description":"The heade\#
        r section is larger than the limit (16 KiB by default).","content":{"application/json":{"schema":{"$ref":"#/co\#
        mponents/schemas/Error"},"example":{"detail":"the header section is larger than 16384 bytes"}}}},"501":{"descr\#
        iption":"An unknown method or transfer coding.","content":{"application/json":{"schema":{"$ref":"#/components/\#
        schemas/Error"},"example":{"detail":"this method is not implemented"}}}},"503":{"description":"The state daemo\#
        n cannot be reached or did not answer in time.","headers":{"Retry-After":{"description":"Seconds to wait befor\#
        e retrying.","schema":{"type":"integer","example":1}}},"content":{"application/json":{"schema":{"$ref":"#/comp\#
        onents/schemas/Error"},"example":{"detail":"state service unavailable"}}}},"505":{"description":"An HTTP versi\#
        on other than 1.1 or 1.0.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"},"exam\#
        ple":{"detail":"only HTTP/1.1 and HTTP/1.0 are supported"}}}}}}},"/accounts/{account_number}/balance":{"parame\#
        ters":[{"name":"account_number","in":"path","required":true,"description":"1 to 32 ASCII digits.","schema":{"t\#
        ype":"string","pattern":"^[0-9]{1,32}$","example":"1001"}}],"get":{"operationId":"balance","summary":"An accou\#
        nt's balance. HEAD is answered too, without a body.","responses":{"200":{"description":"The account's balance \#
        after the operation.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Balance"},"example\#
        ":{"account_number":"1001","balance":"1000.00"}}}},"400":{"description":"Malformed HTTP framing (RFC 9112).","\#
        content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"malformed re\#
        quest: a bare CR is not allowed"}}}},"404":{"description":"No such account, or the path segment cannot name on\#
        e.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"account\#
         not found"}}}},"405":{"description":"A known path with a wrong method.","headers":{"Allow":{"schema":{"type":\#
        "string","example":"GET, HEAD"}}},"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"\#
        },"example":{"detail":"method not allowed; use GET, HEAD"}}}},"408":{"description":"The whole request did not \#
        arrive within the deadline (10 s by default).","content":{"application/json":{"schema":{"$ref":"#/components/s\#
        chemas/Error"},"example":{"detail":"the request did not arrive in time"}}}},"414":{"description":"The request \#
        line is longer than the limit (8 KiB by default).","content":{"application/json":{"schema":{"$ref":"#/componen\#
        ts/schemas/Error"},"example":{"detail":"the request line is longer than 8192 bytes"}}}},"417":{"description":"\#
        An Expect other than 100-continue.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Erro\#
        r"},"example":{"detail":"only the expectation 100-continue is supported"}}}},"431":{"description":"The header \#
        section is larger than the limit (16 KiB by default).","content":{"application/json":{"schema":{"$ref":"#/comp\#
        onents/schemas/Error"},"example":{"detail":"the header section is larger than 16384 bytes"}}}},"501":{"descrip\#
        tion":"An unknown method or transfer coding.","content":{"application/json":{"schema":{"$ref":"#/components/sc\#
        hemas/Error"},"example":{"detail":"this method is not implemented"}}}},"503":{"description":"The state daemon \#
        cannot be reached or did not answer in time.","headers":{"Retry-After":{"description":"Seconds to wait before \#
        retrying.","schema":{"type":"integer","example":1}}},"content":{"application/json":{"schema":{"$ref":"#/compon\#
        ents/schemas/Error"},"example":{"detail":"state service unavailable"}}}},"505":{"description":"An HTTP version\#
         other than 1.1 or 1.0.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"},"exampl\#
        e":{"detail":"only HTTP/1.1 and HTTP/1.0 are supported"}}}}}}},"/accounts/{account_number}/deposit":{"post":{"\#
        operationId":"deposit","summary":"Adds an amount to an account.","parameters":[{"name":"account_number","in":"\#
        path","required":true,"description":"1 to 32 ASCII digits.","schema":{"type":"string","pattern":"^[0-9]{1,32}$\#
        ","example":"1001"}}],"requestBody":{"required":true,"content":{"application/json":{"schema":{"$ref":"#/compon\#
        ents/schemas/AmountRequest"},"example":{"amount":"10.50"}}}},"responses":{"200":{"description":"The account's \#
        balance after the operation.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Balance"},\#
        "example":{"account_number":"1001","balance":"1000.00"}}}},"400":{"description":"Invalid body or amount, or a \#
        balance that would pass the limit, or malformed framing.","content":{"application/json":{"schema":{"$ref":"#/c\#
        omponents/schemas/Error"},"examples":{"invalid amount":{"value":{"detail":"invalid amount: at most two decimal\#
        s are allowed; an amount is a string of digits with up to two decimals, like \"10.50\""}},"balance limit excee\#
        ded":{"value":{"detail":"balance limit exceeded"}}}}}},"404":{"description":"No such account, or the path segm\#
        ent cannot name one.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"},"example":\#
        {"detail":"account not found"}}}},"405":{"description":"A known path with a wrong method.","headers":{"Allow":\#
        {"schema":{"type":"string","example":"POST"}}},"content":{"application/json":{"schema":{"$ref":"#/components/s\#
        chemas/Error"},"example":{"detail":"method not allowed; use POST"}}}},"408":{"description":"The whole request \#
        did not arrive within the deadline (10 s by default).","content":{"application/json":{"schema":{"$ref":"#/comp\#
        onents/schemas/Error"},"example":{"detail":"the request did not arrive in time"}}}},"411":{"description":"A PO\#
        ST with neither Content-Length nor chunked Transfer-Encoding.","content":{"application/json":{"schema":{"$ref"\#
        :"#/components/schemas/Error"},"example":{"detail":"a POST needs a Content-Length or a chunked body"}}}},"413"\#
        :{"description":"The body is larger than the limit (4 KiB by default).","content":{"application/json":{"schema\#
        ":{"$ref":"#/components/schemas/Error"},"example":{"detail":"the request body is larger than 4096 bytes"}}}},"\#
        414":{"description":"The request line is longer than the limit (8 KiB by default).","content":{"application/js\#
        on":{"schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"the request line is longer than 8192 \#
        bytes"}}}},"415":{"description":"A Content-Type other than application/json.","content":{"application/json":{"\#
        schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"the body must be application/json"}}}},"417\#
        ":{"description":"An Expect other than 100-continue.","content":{"application/json":{"schema":{"$ref":"#/compo\#
        nents/schemas/Error"},"example":{"detail":"only the expectation 100-continue is supported"}}}},"431":{"descrip\#
        tion":"The header section is larger than the limit (16 KiB by default).","content":{"application/json":{"schem\#
        a":{"$ref":"#/components/schemas/Error"},"example":{"detail":"the header section is larger than 16384 bytes"}}\#
        }},"501":{"description":"An unknown method or transfer coding.","content":{"application/json":{"schema":{"$ref\#
        ":"#/components/schemas/Error"},"example":{"detail":"this method is not implemented"}}}},"503":{"description":\#
        "The state daemon cannot be reached or did not answer in time.","headers":{"Retry-After":{"description":"Secon\#
        ds to wait before retrying.","schema":{"type":"integer","example":1}}},"content":{"application/json":{"schema"\#
        :{"$ref":"#/components/schemas/Error"},"example":{"detail":"state service unavailable"}}}},"505":{"description\#
        ":"An HTTP version other than 1.1 or 1.0.","content":{"application/json":{"schema":{"$ref":"#/components/schem\#
        as/Error"},"example":{"detail":"only HTTP/1.1 and HTTP/1.0 are supported"}}}}}}},"/accounts/{account_number}/w\#
        ithdraw":{"post":{"operationId":"withdraw","summary":"Takes an amount from an account; never below zero.","par\#
        ameters":[{"name":"account_number","in":"path","required":true,"description":"1 to 32 ASCII digits.","schema":\#
        {"type":"string","pattern":"^[0-9]{1,32}$","example":"1001"}}],"requestBody":{"required":true,"content":{"appl\#
        ication/json":{"schema":{"$ref":"#/components/schemas/AmountRequest"},"example":{"amount":"10.50"}}}},"respons\#
        es":{"200":{"description":"The account's balance after the operation.","content":{"application/json":{"schema"\#
        :{"$ref":"#/components/schemas/Balance"},"example":{"account_number":"1001","balance":"1000.00"}}}},"400":{"de\#
        scription":"Invalid body or amount, or insufficient funds, or malformed framing.","content":{"application/json\#
        ":{"schema":{"$ref":"#/components/schemas/Error"},"examples":{"invalid amount":{"value":{"detail":"invalid amo\#
        unt: at most two decimals are allowed; an amount is a string of digits with up to two decimals, like \"10.50\"\#
        "}},"insufficient funds":{"value":{"detail":"insufficient funds"}}}}}},"404":{"description":"No such account, \#
        or the path segment cannot name one.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Er\#
        ror"},"example":{"detail":"account not found"}}}},"405":{"description":"A known path with a wrong method.","he\#
        aders":{"Allow":{"schema":{"type":"string","example":"POST"}}},"content":{"application/json":{"schema":{"$ref"\#
        :"#/components/schemas/Error"},"example":{"detail":"method not allowed; use POST"}}}},"408":{"description":"Th\#
        e whole request did not arrive within the deadline (10 s by default).","content":{"application/json":{"schema"\#
        :{"$ref":"#/components/schemas/Error"},"example":{"detail":"the request did not arrive in time"}}}},"411":{"de\#
        scription":"A POST with neither Content-Length nor chunked Transfer-Encoding.","content":{"application/json":{\#
        "schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"a POST needs a Content-Length or a chunked\#
         body"}}}},"413":{"description":"The body is larger than the limit (4 KiB by default).","content":{"applicatio\#
        n/json":{"schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"the request body is larger than 4\#
        096 bytes"}}}},"414":{"description":"The request line is longer than the limit (8 KiB by default).","content":\#
        {"application/json":{"schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"the request line is l\#
        onger than 8192 bytes"}}}},"415":{"description":"A Content-Type other than application/json.","content":{"appl\#
        ication/json":{"schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"the body must be applicatio\#
        n/json"}}}},"417":{"description":"An Expect other than 100-continue.","content":{"application/json":{"schema":\#
        {"$ref":"#/components/schemas/Error"},"example":{"detail":"only the expectation 100-continue is supported"}}}}\#
        ,"431":{"description":"The header section is larger than the limit (16 KiB by default).","content":{"applicati\#
        on/json":{"schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"the header section is larger tha\#
        n 16384 bytes"}}}},"501":{"description":"An unknown method or transfer coding.","content":{"application/json":\#
        {"schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"this method is not implemented"}}}},"503"\#
        :{"description":"The state daemon cannot be reached or did not answer in time.","headers":{"Retry-After":{"des\#
        cription":"Seconds to wait before retrying.","schema":{"type":"integer","example":1}}},"content":{"application\#
        /json":{"schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"state service unavailable"}}}},"50\#
        5":{"description":"An HTTP version other than 1.1 or 1.0.","content":{"application/json":{"schema":{"$ref":"#/\#
        components/schemas/Error"},"example":{"detail":"only HTTP/1.1 and HTTP/1.0 are supported"}}}}}}},"/openapi.jso\#
        n":{"get":{"operationId":"openapi","summary":"This document. HEAD is answered too, without a body.","responses\#
        ":{"200":{"description":"The OpenAPI 3.1 document.","content":{"application/json":{"schema":{"type":"object"}}\#
        }},"400":{"description":"Malformed HTTP framing (RFC 9112).","content":{"application/json":{"schema":{"$ref":"\#
        #/components/schemas/Error"},"example":{"detail":"malformed request: a bare CR is not allowed"}}}},"405":{"des\#
        cription":"A known path with a wrong method.","headers":{"Allow":{"schema":{"type":"string","example":"GET, HE\#
        AD"}}},"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"meth\#
        od not allowed; use GET, HEAD"}}}},"408":{"description":"The whole request did not arrive within the deadline \#
        (10 s by default).","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"},"example":{"\#
        detail":"the request did not arrive in time"}}}},"414":{"description":"The request line is longer than the lim\#
        it (8 KiB by default).","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"},"example\#
        ":{"detail":"the request line is longer than 8192 bytes"}}}},"417":{"description":"An Expect other than 100-co\#
        ntinue.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"on\#
        ly the expectation 100-continue is supported"}}}},"431":{"description":"The header section is larger than the \#
        limit (16 KiB by default).","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"},"exa\#
        mple":{"detail":"the header section is larger than 16384 bytes"}}}},"501":{"description":"An unknown method or\#
         transfer coding.","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"},"example":{"d\#
        etail":"this method is not implemented"}}}},"505":{"description":"An HTTP version other than 1.1 or 1.0.","con\#
        tent":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"only HTTP/1.1 a\#
        nd HTTP/1.0 are supported"}}}}}}},"/docs":{"get":{"operationId":"docs","summary":"A self-contained page to rea\#
        d the API and try it. HEAD is answered too, without a body.","responses":{"200":{"description":"An HTML page."\#
        ,"content":{"text/html":{"schema":{"type":"string"}}}},"400":{"description":"Malformed HTTP framing (RFC 9112)\#
        .","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"malforme\#
        d request: a bare CR is not allowed"}}}},"405":{"description":"A known path with a wrong method.","headers":{"\#
        Allow":{"schema":{"type":"string","example":"GET, HEAD"}}},"content":{"application/json":{"schema":{"$ref":"#/\#
        components/schemas/Error"},"example":{"detail":"method not allowed; use GET, HEAD"}}}},"408":{"description":"T\#
        he whole request did not arrive within the deadline (10 s by default).","content":{"application/json":{"schema\#
        ":{"$ref":"#/components/schemas/Error"},"example":{"detail":"the request did not arrive in time"}}}},"414":{"d\#
        escription":"The request line is longer than the limit (8 KiB by default).","content":{"application/json":{"sc\#
        hema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"the request line is longer than 8192 bytes"}}\#
        }},"417":{"description":"An Expect other than 100-continue.","content":{"application/json":{"schema":{"$ref":"\#
        #/components/schemas/Error"},"example":{"detail":"only the expectation 100-continue is supported"}}}},"431":{"\#
        description":"The header section is larger than the limit (16 KiB by default).","content":{"application/json":\#
        {"schema":{"$ref":"#/components/schemas/Error"},"example":{"detail":"the header section is larger than 16384 b\#
        ytes"}}}},"501":{"description":"An unknown method or transfer coding.","content":{"application/json":{"schema"\#
        :{"$ref":"#/components/schemas/Error"},"example":{"detail":"this method is not implemented"}}}},"505":{"descri\#
        ption":"An HTTP version other than 1.1 or 1.0.","content":{"application/json":{"schema":{"$ref":"#/components/\#
        schemas/Error"},"example":{"detail":"only HTTP/1.1 and HTTP/1.0 are supported"}}}}}}}},"components":{"schemas"\#
        :{"AmountRequest":{"type":"object","required":["amount"],"properties":{"amount":{"type":"string","pattern":"^[\#
        0-9]+(\\.[0-9]{1,2})?$","maxLength":16,"description":"Greater than zero and at most 1000000000000.00.","exampl\#
        e":"10.50"}}},"Balance":{"type":"object","required":["account_number","balance"],"properties":{"account_number\#
        ":{"type":"string","example":"1001"},"balance":{"type":"string","pattern":"^[0-9]+\\.[0-9]{2}$","example":"100\#
        0.00"}}},"Health":{"type":"object","required":["status","accounts"],"properties":{"status":{"type":"string","c\#
        onst":"ok"},"accounts":{"type":"array","items":{"type":"string"}}}},"Error":{"type":"object","required":["deta\#
        il"],"properties":{"detail":{"type":"string"}}}}}}
        """#
}
