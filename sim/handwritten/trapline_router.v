// trapline_router: hand-written implementation of the privileged-event router of
// SPEC.md at the default parameters (V=4, G=8, R=8, platformVMM=1, static map
// {5,6}, I/O bitmaps on). Written independently of the generator, as the speed
// and size baseline for the generated RTL; checked with `trapline equiv --rtl`.
//
// Latency 1: a command accepted on a rising edge is executed on that edge and its
// response is valid from the next cycle. The decision is made inside the clocked
// block by tasks and functions, so a simulator evaluates only the path taken.
// I/O bitmaps read 0 after every reset without clearing the RAM: a word counts
// only when its valid bit (32-bit mask RAM, one entry per 32 words) is set and
// that entry's group valid flop (cleared by rst) is set.
`default_nettype none

module trapline_router (
    input  wire        clk,           input  wire        rst,
    input  wire        cmd_valid,     input  wire [2:0]  cmd_op,
    input  wire [15:0] cmd_reason,    input  wire [7:0]  cmd_vector,
    input  wire [2:0]  cmd_int_type,  input  wire        cmd_err_valid,
    input  wire [31:0] cmd_err_code,  input  wire [63:0] cmd_qual,
    input  wire [3:0]  cmd_vmcs,      input  wire [31:0] cmd_field,
    input  wire [63:0] cmd_data,      input  wire [5:0]  cmd_guest,
    input  wire        rsp_ready,     output wire        cmd_ready,
    output reg         rsp_valid,     output reg  [2:0]  rsp_kind,
    output reg  [3:0]  rsp_target,    output reg         rsp_self,
    output reg         rsp_fallback,  output reg  [2:0]  rsp_policy,
    output reg  [7:0]  rsp_from,      output reg  [15:0] rsp_reason,
    output reg  [63:0] rsp_qual,      output reg  [31:0] rsp_info,
    output reg  [31:0] rsp_err_code,  output reg  [63:0] rsp_entry,
    output reg  [63:0] rsp_data,      output reg  [7:0]  rsp_current,
    output reg  [7:0]  rsp_error
);
    // ---- generator parameters (SPEC 2) and widths --------------------------------
    localparam V = 4, VW = 2;                       // VMMs and id width
    localparam G = 8, GW = 3;                       // guests
    localparam R = 8, RW = 3;                       // I/O range registers
    localparam [VW-1:0] PLATFORM_VMM = 1;
    localparam [63:0] STATIC_MAP = 64'h60;          // exit reasons 5, 6
    localparam BMW = 11, AW = VW + BMW;             // bitmap: 2048 words per VMM; word address {vmm, w}
    localparam [3:0] NUM_VMMS = V;
    localparam [5:0] NUM_GUESTS = G, NUM_RANGES = R;

    // ---- SPEC numbers ---------------------------------------------------------------
    localparam [2:0] OP_EVENT = 0, OP_VMREAD = 1, OP_VMWRITE = 2, OP_LAUNCH = 3, OP_RESUME = 4,
                     OP_BITMAP_WRITE = 5;
    localparam [2:0] RSP_ROUTED = 0, RSP_VMSUCCEED = 1, RSP_VMFAIL_INVALID = 2, RSP_VMFAIL_VALID = 3,
                     RSP_REJECTED = 4;
    localparam [2:0] POL_OWNER = 0, POL_FIELD = 1, POL_IO_RANGE = 2, POL_LOAD = 3, POL_STATIC = 4;
    localparam [63:0] SUPPORTED = 64'h0080_0191_EFFF_FE7F;    // 0-6, 9-27, 29-32, 36, 39, 40, 55
    localparam [5:0] X_EXC_NMI = 0, X_EXT_INT = 1, X_HLT = 12, X_INVLPG = 14, X_RDPMC = 15,
                     X_RDTSC = 16, X_MOV_DR = 29, X_IO = 30, X_MWAIT = 36, X_MONITOR = 39, X_PAUSE = 40;
    localparam [15:0] X_VMLAUNCH = 20, X_VMREAD = 23, X_VMRESUME = 24, X_VMWRITE = 25;
    localparam [2:0] IT_EXT_INT = 0, IT_NMI = 2, IT_HW_EXC = 3, IT_SW_EXC = 6;
    localparam [7:0] VEC_NMI = 2, VEC_PF = 14, VEC_MAX_EXC = 31;
    localparam [7:0] REJ_REASON = 1, REJ_MALFORMED = 2, REJ_UNDELIVERABLE = 3, REJ_OP = 4;
    localparam [7:0] ERR_RESUME = 5, ERR_VALUE = 7, ERR_FIELD = 12, ERR_READ_ONLY = 13,
                     ERR_LOCKED = 64, ERR_OTHER_VMCS = 65, ERR_GUEST = 66, ERR_ABANDON = 67;
    localparam [7:0] VMM0 = 8'h80;                  // entity: bit 7 VMM, bits 5:0 id
    localparam PIN_EXT_INT = 0, PIN_NMI = 3, PROC_HLT = 7, PROC_INVLPG = 9, PROC_MWAIT = 10,
               PROC_RDPMC = 11, PROC_RDTSC = 12, PROC_MOV_DR = 23, PROC_IO = 24, PROC_IO_BITMAPS = 25,
               PROC_MONITOR = 29, PROC_PAUSE = 30;  // owner controls (SPEC 5.3)
    localparam [31:0] F_PIN = 32'h4000, F_PROC = 32'h4002, F_EXC_BITMAP = 32'h4004,
                      F_PFEC_MASK = 32'h4006, F_PFEC_MATCH = 32'h4008, F_HOST_RIP = 32'h6C16,
                      F_LOAD = 32'h43E2, F_INSTR_ERR = 32'h4400, F_EXIT_REASON = 32'h4402,
                      F_INTR_INFO = 32'h4404, F_INTR_ERR = 32'h4406, F_EXIT_QUAL = 32'h6400,
                      F_RETURN_TO = 32'h4602, F_HANDLED = 32'h4604, F_ROUTE_LOCK = 32'h43E0,
                      F_CURRENT = 32'h4600;
    localparam [24:0] F_ROUTE = 25'h84, F_ELIGIBLE = 25'h85, F_IO_BASE_LIMIT = 25'h6,
                      F_IO_CTRL = 25'h86, F_OWNER = 25'h8D;  // array blocks: encoding[31:7]
    // control registers PIN..PFEC_MATCH: slot = encoding[3:1]
    localparam [2:0] S_PIN = 0, S_PROC = 1, S_EXC_BITMAP = 2, S_PFEC_MASK = 3, S_PFEC_MATCH = 4;
    // decoded fields: RW per VMM (1-3), RW lockable globals (4-9), read-only (10-18)
    localparam [4:0] K_NONE = 0, K_CTL = 1, K_HOST_RIP = 2, K_LOAD = 3, K_ROUTE = 4, K_ELIGIBLE = 5,
                     K_IO_BASE = 6, K_IO_LIMIT = 7, K_IO_CTRL = 8, K_ROUTE_LOCK = 9,
                     K_INSTR_ERR = 10, K_EXIT_REASON = 11, K_INTR_INFO = 12, K_INTR_ERR = 13,
                     K_EXIT_QUAL = 14, K_RETURN_TO = 15, K_HANDLED = 16, K_CURRENT = 17, K_OWNER = 18;

    // ---- state (SPEC 3, 6, 7) ----------------------------------------------------------
    reg [7:0]    cur;                       // running entity
    reg [V-1:0]  ret_valid;                 // returnTo[v] valid = VMM v busy
    reg [7:0]    ret_ent     [0:V-1];
    reg [VW-1:0] owner       [0:G-1];
    reg [15:0]   load        [0:V-1];
    reg [31:0]   handled     [0:V-1];
    reg [31:0]   ctl         [0:V*8-1];     // {vmm, slot}: PIN, PROC, EXC_BITMAP, PFEC_MASK, PFEC_MATCH
    reg [63:0]   host_rip    [0:V-1];
    reg [7:0]    instr_err   [0:V-1];
    reg [15:0]   exit_reason [0:V-1];
    reg [31:0]   intr_info   [0:V-1];
    reg [31:0]   intr_err    [0:V-1];
    reg [63:0]   exit_qual   [0:V-1];
    reg [VW+1:0] route       [0:63];        // {vmm, policy[1:0]}
    reg [V-1:0]  eligible    [0:63];
    reg [15:0]   io_base     [0:R-1];
    reg [15:0]   io_limit    [0:R-1];
    reg [VW:0]   io_ctrl     [0:R-1];       // {vmm, enable}
    reg          route_lock;
    reg [31:0]   bm_word     [0:(1<<AW)-1]; // RAM: ports 32w..32w+31 of a VMM
    reg [31:0]   bm_wvalid   [0:(1<<AW)/32-1]; // RAM: bit b of entry e = word 32e+b written
    reg [31:0]   bm_gvalid   [0:(1<<AW)/1024-1]; // flops: bit b of g = entry 32g+b valid

    integer i;

    assign cmd_ready = !rst && (!rsp_valid || rsp_ready);

    // ---- decision helpers (SPEC 5) ---------------------------------------------------
    function is_cur_vmm(input [VW-1:0] v);
        is_cur_vmm = cur[7] && cur[VW-1:0] == v;
    endfunction

    function [31:0] bitmap(input [AW-1:0] a);     // one bitmap word, 0 unless written since rst
        bitmap = (bm_gvalid[a[AW-1:10]][a[9:5]] && bm_wvalid[a[AW-1:5]][a[4:0]]) ? bm_word[a] : 32'd0;
    endfunction

    function io_wraps(input [15:0] port, input [2:0] szm1);   // port + size > 0x10000
        io_wraps = port > 16'hFFFF - {13'd0, szm1};
    endfunction

    // 5.3 owner controls: does VMM k want this event from its guest?
    function wants(input [VW-1:0] k, input [5:0] t, input [7:0] vector, input [2:0] itype,
                   input [31:0] errc, input [15:0] port, input [2:0] szm1);
        reg [31:0] proc;
        reg [63:0] span;
        begin
            proc = ctl[{k, S_PROC}];
            case (t)
                X_EXC_NMI:
                    if (itype == IT_NMI) wants = ctl[{k, S_PIN}][PIN_NMI];
                    else if (vector == VEC_PF)
                        wants = ((errc & ctl[{k, S_PFEC_MASK}]) == ctl[{k, S_PFEC_MATCH}])
                                == ctl[{k, S_EXC_BITMAP}][VEC_PF[4:0]];
                    else wants = ctl[{k, S_EXC_BITMAP}][vector[4:0]];
                X_EXT_INT: wants = ctl[{k, S_PIN}][PIN_EXT_INT];
                X_HLT:     wants = proc[PROC_HLT];       X_INVLPG:  wants = proc[PROC_INVLPG];
                X_MWAIT:   wants = proc[PROC_MWAIT];     X_RDPMC:   wants = proc[PROC_RDPMC];
                X_RDTSC:   wants = proc[PROC_RDTSC];     X_MOV_DR:  wants = proc[PROC_MOV_DR];
                X_MONITOR: wants = proc[PROC_MONITOR];   X_PAUSE:   wants = proc[PROC_PAUSE];
                X_IO:
                    if (!proc[PROC_IO_BITMAPS]) wants = proc[PROC_IO];
                    else begin      // bits port..port+size-1, possibly across two words
                        span[31:0] = bitmap({k, port[15:5]});
                        span[63:32] = port[4:0] > 5'd28 ? bitmap({k, port[15:5] + 1'b1}) : 32'd0;
                        span = span >> port[4:0];
                        wants = io_wraps(port, szm1) || (span[3:0] & {szm1[1], szm1[1], szm1[0], 1'b1}) != 4'd0;
                    end
                default:   wants = 1'b1;
            endcase
        end
    endfunction

    // 5.2 IO_RANGE: the lowest enabled range holding port..port+size-1, else dflt
    function [VW-1:0] io_range_target(input [15:0] port, input [2:0] szm1, input [VW-1:0] dflt);
        reg found;
        integer r;
        begin
            io_range_target = dflt;
            found = io_wraps(port, szm1);
            for (r = 0; r < R; r = r + 1)
                if (!found && io_ctrl[r][0] && io_base[r] <= port && port + {13'd0, szm1} <= io_limit[r]) begin
                    found = 1'b1;
                    io_range_target = io_ctrl[r][VW:1];
                end
        end
    endfunction

    // 5.2 LOAD: the least-loaded eligible VMM that is current or not busy (lowest id), else dflt
    function [VW-1:0] least_loaded(input [V-1:0] elig, input [VW-1:0] dflt);
        reg found;
        reg [15:0] best;
        integer v;
        begin
            least_loaded = dflt;
            found = 1'b0; best = 16'd0;
            for (v = 0; v < V; v = v + 1)
                if (elig[v] && (is_cur_vmm(v[VW-1:0]) || !ret_valid[v]) && (!found || load[v] < best)) begin
                    found = 1'b1;
                    best = load[v];
                    least_loaded = v[VW-1:0];
                end
        end
    endfunction

    function [15:0] guest_exit(input [2:0] op);   // SPEC 4: a guest's ops 1-5 exit
        case (op)
            OP_VMREAD:                   guest_exit = X_VMREAD;
            OP_LAUNCH:                   guest_exit = X_VMLAUNCH;
            OP_RESUME:                   guest_exit = X_VMRESUME;
            OP_VMWRITE, OP_BITMAP_WRITE: guest_exit = X_VMWRITE;
            default:                     guest_exit = 16'd0;     // not reached
        endcase
    endfunction

    // ---- field helpers (SPEC 6) ------------------------------------------------------
    function [4:0] field_kind(input [31:0] f, input in_vmcs0);   // K_NONE: not in that VMCS
        begin
            field_kind = K_NONE;
            case (f)
                F_PIN, F_PROC, F_EXC_BITMAP, F_PFEC_MASK, F_PFEC_MATCH: field_kind = K_CTL;
                F_HOST_RIP:    field_kind = K_HOST_RIP;      F_LOAD:      field_kind = K_LOAD;
                F_INSTR_ERR:   field_kind = K_INSTR_ERR;     F_EXIT_QUAL: field_kind = K_EXIT_QUAL;
                F_EXIT_REASON: field_kind = K_EXIT_REASON;   F_HANDLED:   field_kind = K_HANDLED;
                F_INTR_INFO:   field_kind = K_INTR_INFO;     F_INTR_ERR:  field_kind = K_INTR_ERR;
                F_RETURN_TO:   field_kind = K_RETURN_TO;
                F_ROUTE_LOCK:  if (in_vmcs0) field_kind = K_ROUTE_LOCK;
                F_CURRENT:     if (in_vmcs0) field_kind = K_CURRENT;
                default:       // global arrays: block base + 2*index, index = f[6:1]
                    if (in_vmcs0 && !f[0])
                        case (f[31:7])
                            F_ROUTE:    field_kind = K_ROUTE;
                            F_ELIGIBLE: field_kind = K_ELIGIBLE;
                            F_IO_CTRL:  if (f[6:1] < NUM_RANGES) field_kind = K_IO_CTRL;
                            F_OWNER:    if (f[6:1] < NUM_GUESTS) field_kind = K_OWNER;
                            F_IO_BASE_LIMIT:        // IO_BASE at 0x300, IO_LIMIT at 0x320
                                if (f[6:5] == 2'd0 && f[6:1] < NUM_RANGES) field_kind = K_IO_BASE;
                                else if (f[6:5] == 2'd1 && {2'b00, f[4:1]} < NUM_RANGES) field_kind = K_IO_LIMIT;
                            default: ;
                        endcase
            endcase
        end
    endfunction

    function [63:0] read_field(input [4:0] kind, input [VW-1:0] v, input [5:0] x);
        case (kind)
            K_CTL:         read_field = {32'd0, ctl[{v, x[2:0]}]};
            K_HOST_RIP:    read_field = host_rip[v];                K_LOAD:      read_field = {48'd0, load[v]};
            K_INSTR_ERR:   read_field = {56'd0, instr_err[v]};      K_EXIT_QUAL: read_field = exit_qual[v];
            K_EXIT_REASON: read_field = {48'd0, exit_reason[v]};    K_HANDLED:   read_field = {32'd0, handled[v]};
            K_INTR_INFO:   read_field = {32'd0, intr_info[v]};      K_INTR_ERR:  read_field = {32'd0, intr_err[v]};
            K_RETURN_TO:   read_field = ret_valid[v] ? {55'd0, 1'b1, ret_ent[v]} : 64'd0;
            K_ROUTE:       read_field = {58'd0, route[x][VW+1:2], 2'b00, route[x][1:0]};
            K_ELIGIBLE:    read_field = {{(64-V){1'b0}}, eligible[x]};
            K_IO_BASE:     read_field = {48'd0, io_base[x[RW-1:0]]};
            K_IO_LIMIT:    read_field = {48'd0, io_limit[x[RW-1:0]]};
            K_IO_CTRL:     read_field = {58'd0, io_ctrl[x[RW-1:0]][VW:1], 3'b000, io_ctrl[x[RW-1:0]][0]};
            K_ROUTE_LOCK:  read_field = {63'd0, route_lock};         K_CURRENT:   read_field = {56'd0, cur};
            K_OWNER:       read_field = {{(64-VW){1'b0}}, owner[x[GW-1:0]]};
            default:       read_field = 64'd0;
        endcase
    endfunction

    // 6.3 rules 4-6 of a VMWRITE of value d (already cut to the field's width); 0: ok
    function [7:0] write_error(input [4:0] kind, input [31:1] d);
        if (kind >= K_INSTR_ERR) write_error = ERR_READ_ONLY;
        else if (route_lock && kind >= K_ROUTE) write_error = ERR_LOCKED;
        else if ((kind == K_LOAD && d[31:16] != 16'd0)
              || (kind == K_ROUTE && (d[31:VW+4] != 0 || d[3:2] != 2'd0))
              || (kind == K_ELIGIBLE && d[31:V] != 0)
              || (kind == K_IO_CTRL && (d[31:VW+4] != 0 || d[3:1] != 3'd0))
              || (kind == K_ROUTE_LOCK && d[31:1] != 31'd0)) write_error = ERR_VALUE;
        else write_error = 8'd0;
    endfunction

    // ---- responses (fields a kind does not list are 0) ----------------------------------
    task respond(input [2:0] kind, input [7:0] error, input [63:0] data, input [7:0] current);
        begin
            rsp_kind <= kind;      rsp_error <= error;     rsp_data <= data;       rsp_current <= current;
            rsp_target <= 4'd0;    rsp_self <= 1'b0;       rsp_fallback <= 1'b0;   rsp_policy <= 3'd0;
            rsp_from <= 8'd0;      rsp_reason <= 16'd0;    rsp_qual <= 64'd0;      rsp_info <= 32'd0;
            rsp_err_code <= 32'd0; rsp_entry <= 64'd0;
        end
    endtask

    // ---- SPEC 5: route one event ----------------------------------------------------------
    task route_event(input [15:0] reason, input [7:0] vector, input [2:0] itype, input errv,
                     input [31:0] errc, input [63:0] qual);
        reg [5:0] t;
        reg [7:0] rej;
        reg [VW-1:0] tgt, k;
        reg [2:0] pol;
        reg fb, self_d;
        reg [31:0] info, ierr;
        begin
            // 5.1 validation
            t = reason[5:0];
            rej = 8'd0;
            if (reason[15:6] != 10'd0 || !SUPPORTED[t]) rej = REJ_REASON;
            else if (t == X_EXC_NMI) begin
                if (itype == IT_NMI ? vector != VEC_NMI
                    : !((itype == IT_HW_EXC || itype == IT_SW_EXC) && vector <= VEC_MAX_EXC)) rej = REJ_MALFORMED;
            end else if (t == X_EXT_INT) begin
                if (itype != IT_EXT_INT) rej = REJ_MALFORMED;
            end else if (t == X_IO)
                if (qual[2:0] == 3'd2 || qual[2] || qual[15:7] != 0 || qual[63:32] != 0) rej = REJ_MALFORMED;
            // 5.2 target
            tgt = PLATFORM_VMM; pol = POL_STATIC; fb = 1'b0;
            if (rej == 8'd0 && !STATIC_MAP[t]) begin
                pol = {1'b0, route[t][1:0]};
                tgt = route[t][VW+1:2];
                case (pol)
                    POL_OWNER:
                        if (cur[7]) tgt = cur[VW-1:0];
                        else begin
                            k = owner[cur[GW-1:0]];
                            tgt = wants(k, t, vector, itype, errc, qual[31:16], qual[2:0]) ? k : {VW{1'b0}};
                        end
                    POL_FIELD:    ;
                    POL_IO_RANGE: if (t == X_IO) tgt = io_range_target(qual[31:16], qual[2:0], tgt);
                    POL_LOAD:     tgt = least_loaded(eligible[t], tgt);
                    default:      ;     // not reached: policy <= 3
                endcase
            end
            // 5.4 deliverability
            if (rej == 8'd0 && !is_cur_vmm(tgt) && ret_valid[tgt]) begin
                if (cur != VMM0 && ret_valid[0]) rej = REJ_UNDELIVERABLE;
                else begin tgt = {VW{1'b0}}; fb = 1'b1; end
            end
            // 5.5 effects
            if (rej != 8'd0) respond(RSP_REJECTED, rej, 64'd0, 8'd0);
            else begin
                self_d = is_cur_vmm(tgt);
                info = t == X_EXC_NMI ? {1'b1, 19'd0, errv, itype, vector}
                     : t == X_EXT_INT ? {1'b1, 23'd0, vector} : 32'd0;
                ierr = (t == X_EXC_NMI && errv) ? errc : 32'd0;
                if (!self_d) begin
                    ret_valid[tgt] <= 1'b1;
                    ret_ent[tgt] <= cur;
                    cur <= {1'b1, {(7-VW){1'b0}}, tgt};
                end
                if (load[tgt] != 16'hFFFF) load[tgt] <= load[tgt] + 16'd1;
                handled[tgt] <= handled[tgt] + 32'd1;
                exit_reason[tgt] <= reason;  exit_qual[tgt] <= qual;
                intr_info[tgt] <= info;      intr_err[tgt] <= ierr;
                respond(RSP_ROUTED, 8'd0, 64'd0, 8'd0);
                rsp_target <= {{(4-VW){1'b0}}, tgt};
                rsp_self <= self_d;        rsp_fallback <= fb;       rsp_policy <= pol;
                rsp_from <= cur;           rsp_reason <= reason;     rsp_qual <= qual;
                rsp_info <= info;          rsp_err_code <= ierr;     rsp_entry <= host_rip[tgt];
            end
        end
    endtask

    // ---- one command, executed by `cur` (SPEC 4, 6) ----------------------------------------
    task execute;
        reg [VW-1:0] v, c;
        reg [7:0] err;
        reg [4:0] kind;
        reg [5:0] x;
        reg [63:0] d;
        reg [AW-1:0] a;
        begin
            v = cmd_vmcs[VW-1:0];
            c = cur[VW-1:0];
            err = 8'd0;
            if (cmd_op[2:1] == 2'b11) respond(RSP_REJECTED, REJ_OP, 64'd0, 8'd0);
            else if (cmd_op == OP_EVENT)
                route_event(cmd_reason, cmd_vector, cmd_int_type, cmd_err_valid, cmd_err_code, cmd_qual);
            else if (!cur[7]) route_event(guest_exit(cmd_op), 8'd0, 3'd0, 1'b0, 32'd0, 64'd0);
            else if (cmd_op == OP_LAUNCH) begin                 // 6.4
                if (cmd_guest >= NUM_GUESTS) err = ERR_GUEST;
                else if (ret_valid[c] && ret_ent[c][7]) err = ERR_ABANDON;
                else begin
                    owner[cmd_guest[GW-1:0]] <= c;
                    ret_valid[c] <= 1'b0;
                    cur <= {2'b00, cmd_guest};
                    respond(RSP_VMSUCCEED, 8'd0, 64'd0, {2'b00, cmd_guest});
                end
            end else if (cmd_op == OP_RESUME) begin
                if (!ret_valid[c]) err = ERR_RESUME;
                else begin
                    cur <= ret_ent[c];
                    ret_valid[c] <= 1'b0;
                    if (load[c] != 16'd0) load[c] <= load[c] - 16'd1;
                    respond(RSP_VMSUCCEED, 8'd0, 64'd0, ret_ent[c]);
                end
            end
            // 6.3 VMREAD, VMWRITE, BITMAP_WRITE
            else if (cmd_vmcs >= NUM_VMMS) respond(RSP_VMFAIL_INVALID, 8'd0, 64'd0, 8'd0);
            else if (v != c && c != {VW{1'b0}}) err = ERR_OTHER_VMCS;
            else if (cmd_op == OP_BITMAP_WRITE) begin
                a = {v, cmd_field[BMW-1:0]};
                if (cmd_field[31:BMW] != 0) err = ERR_FIELD;
                else begin
                    bm_word[a] <= cmd_data[31:0];
                    bm_wvalid[a[AW-1:5]] <= (bm_gvalid[a[AW-1:10]][a[9:5]] ? bm_wvalid[a[AW-1:5]] : 32'd0)
                                            | (32'd1 << a[4:0]);
                    bm_gvalid[a[AW-1:10]] <= bm_gvalid[a[AW-1:10]] | (32'd1 << a[9:5]);
                    respond(RSP_VMSUCCEED, 8'd0, 64'd0, cur);
                end
            end else begin
                kind = field_kind(cmd_field, v == {VW{1'b0}});
                x = cmd_field[6:1];
                d = cmd_field[14:13] == 2'd0 ? {48'd0, cmd_data[15:0]}         // cut to the field's width
                  : cmd_field[14:13] == 2'd3 ? cmd_data : {32'd0, cmd_data[31:0]};
                if (kind == K_NONE) err = ERR_FIELD;
                else if (cmd_op == OP_VMREAD) respond(RSP_VMSUCCEED, 8'd0, read_field(kind, v, x), cur);
                else begin
                    err = write_error(kind, d[31:1]);
                    if (err == 8'd0) begin
                        case (kind)
                            K_CTL:        ctl[{v, x[2:0]}] <= d[31:0];
                            K_HOST_RIP:   host_rip[v] <= d;                K_LOAD:     load[v] <= d[15:0];
                            K_ROUTE:      route[x] <= {d[VW+3:4], d[1:0]};  K_ELIGIBLE: eligible[x] <= d[V-1:0];
                            K_IO_BASE:    io_base[x[RW-1:0]] <= d[15:0];   K_IO_LIMIT: io_limit[x[RW-1:0]] <= d[15:0];
                            K_IO_CTRL:    io_ctrl[x[RW-1:0]] <= {d[VW+3:4], d[0]};
                            default:      route_lock <= d[0];      // K_ROUTE_LOCK
                        endcase
                        respond(RSP_VMSUCCEED, 8'd0, 64'd0, cur);
                    end
                end
            end
            if (err != 8'd0) begin       // VMfailValid: also into the requester's VM_INSTR_ERROR
                respond(RSP_VMFAIL_VALID, err, 64'd0, 8'd0);
                instr_err[c] <= err;
            end
        end
    endtask

    always @(posedge clk) begin
        if (rst) begin
            rsp_valid <= 1'b0;
            cur <= VMM0;
            ret_valid <= {V{1'b0}};
            route_lock <= 1'b0;
            for (i = 0; i < V; i = i + 1) begin
                ret_ent[i] <= 8'd0;      load[i] <= 16'd0;        handled[i] <= 32'd0;
                host_rip[i] <= 64'd0;    instr_err[i] <= 8'd0;    exit_reason[i] <= 16'd0;
                intr_info[i] <= 32'd0;   intr_err[i] <= 32'd0;    exit_qual[i] <= 64'd0;
            end
            for (i = 0; i < V * 8; i = i + 1) ctl[i] <= 32'd0;
            for (i = 0; i < (1 << AW) / 1024; i = i + 1) bm_gvalid[i] <= 32'd0;
            for (i = 0; i < G; i = i + 1) owner[i] <= {VW{1'b0}};
            for (i = 0; i < 64; i = i + 1) begin route[i] <= {(VW+2){1'b0}}; eligible[i] <= {V{1'b0}}; end
            for (i = 0; i < R; i = i + 1) begin
                io_base[i] <= 16'd0; io_limit[i] <= 16'd0; io_ctrl[i] <= {(VW+1){1'b0}};
            end
        end else if (cmd_valid && (!rsp_valid || rsp_ready)) begin
            rsp_valid <= 1'b1;
            execute;
        end else if (rsp_ready)
            rsp_valid <= 1'b0;
    end
endmodule

`default_nettype wire
